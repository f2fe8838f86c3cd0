namespace OpenCtiSim.Hosting;

/// <summary>The platform's only credential here: <c>Authorization: Bearer &lt;token&gt;</c>.</summary>
internal static class SimAuth
{
    public static bool IsAuthorized(HttpRequest request, OpenCtiSimOptions options)
    {
        if (options.Faults.RejectTokens)
        {
            return false;
        }

        var token = options.Token;
        var header = request.Headers.Authorization.ToString();
        const string scheme = "Bearer ";
        return header.StartsWith(scheme, StringComparison.OrdinalIgnoreCase)
            && string.Equals(header[scheme.Length..].Trim(), token, StringComparison.Ordinal);
    }
}
