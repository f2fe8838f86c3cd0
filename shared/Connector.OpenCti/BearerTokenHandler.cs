using System.Net.Http.Headers;

namespace Connector.OpenCti;

/// <summary>Adds <c>Authorization: Bearer &lt;token&gt;</c> to every OpenCTI request, so no client code touches the token.</summary>
internal sealed class BearerTokenHandler(OpenCtiConnection connection) : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", connection.Token);
        return base.SendAsync(request, cancellationToken);
    }
}
