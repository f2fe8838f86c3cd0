using System.Diagnostics.Metrics;
using Connector.IocSync.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Connector.IocSync.Telemetry;

/// <summary>
/// Publishes how many IOC sagas are in each state (<c>ioc_sync.sagas{state}</c>). The counts come from the store
/// every <see cref="Interval"/>, not at each scrape, so a busy Prometheus never adds load to the saga store.
/// </summary>
internal sealed partial class SagaStateGauge : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(15);

    private readonly IServiceScopeFactory _scopes;
    private readonly ILogger<SagaStateGauge> _logger;
    private volatile IReadOnlyList<Measurement<long>> _counts = [];

    public SagaStateGauge(IServiceScopeFactory scopes, ILogger<SagaStateGauge> logger)
    {
        _scopes = scopes;
        _logger = logger;
        IocSyncInstrumentation.Meter.CreateObservableGauge(
            "ioc_sync.sagas", () => _counts, "{saga}", "IOC sagas by state (InSync, Writing, Blocked).");
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval);
        do
        {
            try
            {
                await using var scope = _scopes.CreateAsyncScope();
                var store = scope.ServiceProvider.GetRequiredService<IocSyncDbContext>();
                var counts = await store.IocSagas
                    .GroupBy(s => s.CurrentState)
                    .Select(g => new { State = g.Key, Count = g.LongCount() })
                    .ToListAsync(stoppingToken);
                _counts = [.. counts.Select(c => new Measurement<long>(c.Count, new KeyValuePair<string, object?>("state", c.State)))];
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogCountFailed(_logger, ex);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(EventId = 2201, Level = LogLevel.Warning, Message = "Could not count the IOC sagas by state")]
    private static partial void LogCountFailed(ILogger logger, Exception exception);
}
