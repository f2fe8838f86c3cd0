using Connector.OpenCti.Diagnostics;
using Connector.OpenCti.GraphQl;
using Connector.OpenCti.LiveStream;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Connector.OpenCti.State;

/// <summary>
/// Keeps the connector's stream position in OpenCTI, as the Python client does: registers once, then pings every
/// 40 s with the latest <b>confirmed</b> position. When a ping comes back with <c>""</c> (reset from the UI) it drops
/// the position for a fresh first run and cancels <see cref="ResetRequested"/>, so the stream can restart in-process.
/// </summary>
/// <remarks>
/// Run it as a hosted service (it is a <see cref="BackgroundService"/>). The stream reader's loop:
/// <code>
/// var state = await keeper.RegisterAsync(ct);
/// while (true)
/// {
///     using var run = CancellationTokenSource.CreateLinkedTokenSource(ct, keeper.ResetRequested);
///     try { await foreach (var e in stream.ReadAsync(state, run.Token)) { /* publish, then keeper.Confirm(id) */ } }
///     catch (OperationCanceledException) when (!ct.IsCancellationRequested) { state = keeper.BeginFreshRun(); }
/// }
/// </code>
/// </remarks>
public sealed class ConnectorStateKeeper(
    OpenCtiGraphQlClient client,
    ConnectorIdentity identity,
    TimeProvider timeProvider,
    ILogger<ConnectorStateKeeper> logger) : BackgroundService
{
    /// <summary>The Python client's ping period.</summary>
    public static readonly TimeSpan DefaultPingInterval = TimeSpan.FromSeconds(40);

    private readonly Lock gate = new();
    private readonly SemaphoreSlim registering = new(1, 1);
    private CancellationTokenSource resetSource = new();
    private ConnectorState? current;
    private bool registered;
    private bool resetPending;

    /// <summary>How often to ping; 40 s like the Python client.</summary>
    public TimeSpan PingInterval { get; init; } = DefaultPingInterval;

    /// <summary>The state the next ping sends: the last confirmed position, or the fresh first run after a reset.</summary>
    public ConnectorState? Current
    {
        get
        {
            lock (gate)
            {
                return current;
            }
        }
    }

    /// <summary>Cancelled when OpenCTI asked for a reset; stop reading and call <see cref="BeginFreshRun"/>, which re-arms it.</summary>
    public CancellationToken ResetRequested
    {
        get
        {
            lock (gate)
            {
                return resetSource.Token;
            }
        }
    }

    /// <summary>
    /// Registers the connector (once; later calls return the state kept since) and returns where to start: the
    /// saved state, or a fresh first run (<c>0-0</c>, recover until now) when OpenCTI holds none or one it cannot read.
    /// </summary>
    public async Task<ConnectorState> RegisterAsync(CancellationToken cancellationToken = default)
    {
        await registering.WaitAsync(cancellationToken);
        try
        {
            if (registered)
            {
                lock (gate)
                {
                    return current ??= ConnectorState.FirstRun(timeProvider.GetUtcNow());
                }
            }

            var registration = await client.RegisterConnectorAsync(identity, cancellationToken);
            ConnectorState state;
            if (ConnectorState.TryParse(registration.ConnectorState, out var saved))
            {
                state = saved;
            }
            else
            {
                state = ConnectorState.FirstRun(timeProvider.GetUtcNow());
                if (!IsEmptyState(registration.ConnectorState))
                {
                    OpenCtiLog.StateUnreadable(logger, registration.ConnectorState!);
                }
            }

            lock (gate)
            {
                current = state;
                registered = true;
            }

            OpenCtiLog.ConnectorRegistered(logger, identity.Id, identity.Name, state.ToJson());
            return state;
        }
        finally
        {
            registering.Release();
        }
    }

    /// <summary>
    /// Records a position whose events are safely handled (published and confirmed). Ignored while a reset is pending:
    /// positions of the old run must not overwrite the fresh one.
    /// </summary>
    public void Confirm(StreamEventId position)
    {
        lock (gate)
        {
            if (!resetPending)
            {
                current = (current ?? ConnectorState.FirstRun(timeProvider.GetUtcNow())).AdvanceTo(position);
            }
        }
    }

    /// <summary>Records a whole state (see <see cref="Confirm(StreamEventId)"/>).</summary>
    public void Confirm(ConnectorState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        lock (gate)
        {
            if (!resetPending)
            {
                current = state;
            }
        }
    }

    /// <summary>After a reset: returns the fresh first-run state to read from and re-arms <see cref="ResetRequested"/>.</summary>
    public ConnectorState BeginFreshRun()
    {
        lock (gate)
        {
            if (resetPending)
            {
                resetPending = false;
                resetSource.Dispose();
                resetSource = new CancellationTokenSource();
            }

            return current ??= ConnectorState.FirstRun(timeProvider.GetUtcNow());
        }
    }

    /// <summary>Sends one ping with <see cref="Current"/>; true when OpenCTI answered with a reset.</summary>
    public async Task<bool> PingAsync(CancellationToken cancellationToken = default)
    {
        var sent = Current;
        var stored = await client.PingConnectorAsync(identity.Id, sent?.ToJson(), cancellationToken);

        // "" is what the platform answers right after "reset state" in the UI.
        if (stored is null || stored.Length != 0)
        {
            return false;
        }

        ConnectorState fresh;
        CancellationTokenSource toCancel;
        lock (gate)
        {
            fresh = ConnectorState.FirstRun(timeProvider.GetUtcNow());
            current = fresh;
            resetPending = true;
            toCancel = resetSource;
        }

        OpenCtiLog.ConnectorStateReset(logger, fresh.ToJson());
        await toCancel.CancelAsync();
        return true;
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await RegisterWithRetriesAsync(stoppingToken);
        using var timer = new PeriodicTimer(PingInterval, timeProvider);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await PingAsync(stoppingToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    OpenCtiLog.PingFailed(logger, ex);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    /// <summary>Stops the pings, then sends the last confirmed position once more so a restart replays as little as possible.</summary>
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        bool wasRegistered;
        lock (gate)
        {
            wasRegistered = registered;
        }

        if (wasRegistered)
        {
            try
            {
                await PingAsync(cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                OpenCtiLog.PingFailed(logger, ex);
            }
        }
    }

    /// <inheritdoc />
    public override void Dispose()
    {
        lock (gate)
        {
            resetSource.Dispose();
        }

        registering.Dispose();
        base.Dispose();
    }

    private async Task RegisterWithRetriesAsync(CancellationToken cancellationToken)
    {
        var delay = TimeSpan.FromSeconds(1);
        while (true)
        {
            try
            {
                await RegisterAsync(cancellationToken);
                return;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                OpenCtiLog.RegisterFailed(logger, (long)delay.TotalMilliseconds, ex);
                await Task.Delay(delay, timeProvider, cancellationToken);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromSeconds(30).Ticks));
            }
        }
    }

    private static bool IsEmptyState(string? state) =>
        string.IsNullOrWhiteSpace(state) || string.Equals(state.Trim(), "null", StringComparison.Ordinal);
}
