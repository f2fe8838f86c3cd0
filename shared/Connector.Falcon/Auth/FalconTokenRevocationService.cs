using Microsoft.Extensions.Hosting;

namespace Connector.Falcon.Auth;

/// <summary>Revokes the Falcon access token when the host stops, so a stolen token dies with the process.</summary>
internal sealed class FalconTokenRevocationService(FalconTokenProvider tokens) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => tokens.RevokeAsync(cancellationToken);
}
