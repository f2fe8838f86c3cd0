using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Connector.IocSync.Persistence;

/// <summary>Ready only when the saga store answers: without it no message can be handled.</summary>
internal sealed class SagaStoreHealthCheck(IServiceScopeFactory scopes) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var store = scope.ServiceProvider.GetRequiredService<IocSyncDbContext>();
        try
        {
            return await store.Database.CanConnectAsync(cancellationToken)
                ? HealthCheckResult.Healthy("The saga store answers.")
                : HealthCheckResult.Unhealthy("The saga store (IOC_SYNC_STORE) cannot be opened.");
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy("The saga store (IOC_SYNC_STORE) cannot be opened.", ex);
        }
    }
}
