using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;

namespace Connector.Persistence.Schema;

/// <summary>
/// Ensures the saga store schema when the host starts, so a broken connection string or an unwritable
/// volume fails the start instead of the first message.
/// </summary>
/// <remarks>
/// The work runs in <see cref="StartingAsync"/>, which the generic host calls before any
/// <c>StartAsync</c> (including the bus's), whatever the registration order. Hosts that only call
/// <c>StartAsync</c> (e.g. MassTransit's test harness) get it there; the repository also waits for the
/// schema before its first transaction, so no ordering can let a message in early.
/// </remarks>
internal sealed class SagaSchemaHostedService<TDbContext>(SagaSchemaInitializer<TDbContext> initializer) : IHostedLifecycleService
    where TDbContext : DbContext
{
    public Task StartingAsync(CancellationToken cancellationToken) => initializer.EnsureCreatedAsync(cancellationToken);

    public Task StartAsync(CancellationToken cancellationToken) => initializer.EnsureCreatedAsync(cancellationToken);

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
