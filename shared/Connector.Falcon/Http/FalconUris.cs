using System.Net;

namespace Connector.Falcon.Http;

/// <summary>URI rules of the Falcon cloud: base URLs and which hosts a login redirect may lead to.</summary>
internal static class FalconUris
{
    /// <summary>Returns <paramref name="uri"/> with a path ending in '/', so relative request paths append to it.</summary>
    public static Uri WithTrailingSlash(Uri uri) =>
        uri.AbsolutePath.EndsWith('/') ? uri : new Uri(uri.GetLeftPart(UriPartial.Path) + "/");

    /// <summary>True for hosts of CrowdStrike's clouds (api.crowdstrike.com, api.eu-1.crowdstrike.com, …) over https.</summary>
    public static bool IsCrowdStrikeHost(Uri uri) =>
        uri.Scheme == Uri.UriSchemeHttps
        && (uri.Host.Equals("crowdstrike.com", StringComparison.OrdinalIgnoreCase)
            || uri.Host.EndsWith(".crowdstrike.com", StringComparison.OrdinalIgnoreCase));

    /// <summary>True for localhost and the loopback addresses (the simulator's home).</summary>
    public static bool IsLoopback(Uri uri) =>
        uri.IsLoopback || (IPAddress.TryParse(uri.DnsSafeHost, out var address) && IPAddress.IsLoopback(address));

    /// <summary>
    /// Whether a login may follow a redirect from <paramref name="from"/> to <paramref name="to"/>: the credentials
    /// travel in the form, so only to another CrowdStrike cloud, or between loopback hosts (a simulator run).
    /// </summary>
    public static bool MayRedirectCredentials(Uri from, Uri to) =>
        IsCrowdStrikeHost(to) || (IsLoopback(from) && IsLoopback(to) && to.Scheme is "http" or "https");

    /// <summary>
    /// The API base URL of the region a token endpoint lives in: <paramref name="tokenEndpoint"/> without its
    /// <c>oauth2/token</c> suffix (or its root when the path is something else).
    /// </summary>
    public static Uri BaseOfTokenEndpoint(Uri tokenEndpoint)
    {
        const string suffix = "oauth2/token";
        var path = tokenEndpoint.AbsolutePath;
        var basePath = path.EndsWith(suffix, StringComparison.OrdinalIgnoreCase) ? path[..^suffix.Length] : "/";
        return WithTrailingSlash(new UriBuilder(tokenEndpoint.Scheme, tokenEndpoint.Host, tokenEndpoint.Port, basePath).Uri);
    }
}
