namespace Connector.OpenCti;

/// <summary>Where OpenCTI is and how to authenticate (<c>OPENCTI_URL</c>, <c>OPENCTI_TOKEN</c>).</summary>
/// <param name="Url">The platform's base URL, e.g. <c>https://opencti.example/</c>; a path prefix is kept.</param>
/// <param name="Token">The API token of the connector's user. A secret: <see cref="ToString"/> never shows it.</param>
public sealed record OpenCtiConnection(Uri Url, string Token)
{
    /// <summary>The base URL with a trailing slash, so relative paths (<c>graphql</c>, <c>stream/…</c>) keep a path prefix.</summary>
    public Uri BaseAddress { get; } = WithTrailingSlash(Url);

    /// <summary>Shows the URL only: records print every member by default, and the token must never reach a log.</summary>
    public override string ToString() => $"OpenCtiConnection {{ Url = {Url} }}";

    private static Uri WithTrailingSlash(Uri url)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (!url.IsAbsoluteUri)
        {
            throw new ArgumentException("The OpenCTI URL (OPENCTI_URL) must be absolute, e.g. http://opencti:8080.", nameof(url));
        }

        return url.AbsolutePath.EndsWith('/') ? url : new Uri(url.AbsoluteUri + "/");
    }
}
