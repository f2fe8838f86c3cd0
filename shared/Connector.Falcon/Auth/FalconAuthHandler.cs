using System.Net;
using System.Net.Http.Headers;
using Connector.Falcon.Configuration;
using Connector.Falcon.Telemetry;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Connector.Falcon.Auth;

/// <summary>
/// Puts the bearer token on each attempt and sends it to the region the login resolved. On a 401 it obtains a new
/// token once (shared with concurrent callers) and sends the request once more.
/// </summary>
internal sealed class FalconAuthHandler(
    FalconTokenProvider tokens,
    IOptions<FalconOptions> options,
    FalconInstrumentation instrumentation,
    ILogger<FalconAuthHandler> logger) : DelegatingHandler
{
    private readonly string _configuredBase = options.Value.ApiBaseUri.AbsoluteUri;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var token = await tokens.GetTokenAsync(cancellationToken);
        Prepare(request, token);
        var response = await base.SendAsync(request, cancellationToken);
        if (response.StatusCode != HttpStatusCode.Unauthorized)
        {
            return response;
        }

        var endpoint = FalconEndpoint.NameOf(request);
        logger.TokenRejected(endpoint);
        response.Dispose();
        instrumentation.Retried(endpoint, "unauthorized");
        token = await tokens.RefreshAsync(token, cancellationToken);
        Prepare(request, token);
        return await base.SendAsync(request, cancellationToken);
    }

    private void Prepare(HttpRequestMessage request, FalconAccessToken token)
    {
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token.Value);
        var target = token.ApiBaseAddress.AbsoluteUri;
        var uri = request.RequestUri?.AbsoluteUri;
        if (uri is not null
            && !string.Equals(target, _configuredBase, StringComparison.OrdinalIgnoreCase)
            && uri.StartsWith(_configuredBase, StringComparison.OrdinalIgnoreCase))
        {
            request.RequestUri = new Uri(target + uri[_configuredBase.Length..]);
        }
    }
}
