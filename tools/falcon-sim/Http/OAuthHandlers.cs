using System.Net.Http.Headers;
using System.Text;
using FalconSim.Auth;

namespace FalconSim.Http;

/// <summary><c>POST /oauth2/token</c> and <c>POST /oauth2/revoke</c> (§1 of the spec).</summary>
internal sealed class OAuthHandlers(FalconSimOptions options, TokenRegistry tokens, FalconSimCounters counters)
{
    private const string AuthorizationFailed = "access denied, authorization failed";

    public async Task<ApiResult> TokenAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (options.TokenRedirectBaseAddress is { } redirect)
        {
            var location = new Uri(redirect, "oauth2/token").ToString();
            return new ApiResult(308)
            {
                Errors = [],
                PoweredBy = ApiResult.Gateway,
                Headers = new Dictionary<string, string> { ["Location"] = location },
            };
        }

        if (!request.HasFormContentType)
        {
            return ApiResult.Error(400, "Invalid request: the body must be application/x-www-form-urlencoded with client_id and client_secret.", ApiResult.Gateway);
        }

        var form = await request.ReadFormAsync(cancellationToken);
        var clientId = form["client_id"].ToString();
        var secret = form["client_secret"].ToString();
        var memberCid = form["member_cid"].ToString();
        switch (options.CheckClient(clientId, secret))
        {
            case null:
                return ApiResult.Error(400, $"Failed to generate access token for clientID={clientId}, please check credentials.", ApiResult.Gateway);
            case false:
                return ApiResult.Error(options.BadSecretStatusCode, AuthorizationFailed, ApiResult.Gateway);
        }

        var lifetime = options.TokenLifetime;
        var issued = tokens.Issue(clientId, memberCid.Length > 0 ? memberCid : null, lifetime);
        counters.TokenIssued();
        return new ApiResult(201)
        {
            RawBody = new TokenWire(issued.Token, "bearer", (int)lifetime.TotalSeconds),
        };
    }

    public async Task<ApiResult> RevokeAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (!TryBasicCredentials(request, out var clientId, out var secret) || options.CheckClient(clientId, secret) != true)
        {
            return ApiResult.Error(401, AuthorizationFailed, ApiResult.Gateway);
        }

        var token = request.HasFormContentType ? (await request.ReadFormAsync(cancellationToken))["token"].ToString() : "";
        if (token.Length == 0)
        {
            return ApiResult.Error(400, "Invalid request: 'token' is required.", ApiResult.Gateway);
        }

        if (tokens.Revoke(token))
        {
            counters.TokenRevoked();
        }

        return new ApiResult(200) { Errors = [], PoweredBy = ApiResult.Gateway };
    }

    private static bool TryBasicCredentials(HttpRequest request, out string clientId, out string secret)
    {
        clientId = secret = "";
        if (!AuthenticationHeaderValue.TryParse(request.Headers.Authorization.ToString(), out var header)
            || !string.Equals(header.Scheme, "basic", StringComparison.OrdinalIgnoreCase)
            || header.Parameter is null)
        {
            return false;
        }

        try
        {
            var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header.Parameter));
            var colon = decoded.IndexOf(':', StringComparison.Ordinal);
            if (colon < 0)
            {
                return false;
            }

            clientId = decoded[..colon];
            secret = decoded[(colon + 1)..];
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
