using Connector.OpenCti.LiveStream;
using Connector.OpenCti.State;
using Connector.OpenCti.Tests.Support;
using OpenCtiSim;
using StreamEventId = Connector.OpenCti.LiveStream.StreamEventId;

namespace Connector.OpenCti.Tests.Integration;

/// <summary>Registration, pings and "reset state" against the simulator.</summary>
public sealed class ConnectorStateSimTests
{
    [Fact]
    public async Task Registering_declares_a_stream_connector_with_its_scope_list()
    {
        await using var harness = await SimHarness.StartAsync();

        await harness.Keeper.RegisterAsync();

        var connector = harness.Platform.GetConnector(SimHarness.ConnectorId);
        Assert.NotNull(connector);
        Assert.Equal("STREAM", connector.Type);
        Assert.Equal(ConnectorIdentity.DefaultName, connector.Name);
        Assert.Equal(["crowdstrike", "other"], connector.Scope);
    }

    [Fact]
    public async Task Without_a_saved_state_registration_starts_a_first_run()
    {
        await using var harness = await SimHarness.StartAsync();
        var before = DateTimeOffset.UtcNow.AddSeconds(-1);

        var start = await harness.Keeper.RegisterAsync();

        Assert.True(start.StartFrom.IsZero);
        Assert.True(start.IsRecovering);
        Assert.InRange(start.RecoverUntil!.Value, before, DateTimeOffset.UtcNow.AddSeconds(1));
    }

    [Fact]
    public async Task Pings_store_the_confirmed_position_and_a_restart_resumes_from_it()
    {
        await using var harness = await SimHarness.StartAsync();
        var keeper = harness.Keeper;
        await keeper.RegisterAsync();
        keeper.Confirm(StreamEventId.Parse("1717236930123-2"));

        var reset = await keeper.PingAsync();

        Assert.False(reset);
        var stored = harness.Platform.GetConnector(SimHarness.ConnectorId)!.State;
        Assert.Equal(keeper.Current!.ToJson(), stored);
        Assert.StartsWith("""{"start_from":"1717236930123-2","recover_until":"20""", stored, StringComparison.Ordinal);

        using var restarted = new ConnectorStateKeeper(harness.GraphQl, SimHarness.Identity, TimeProvider.System, harness.Logger<ConnectorStateKeeper>());
        Assert.Equal(keeper.Current, await restarted.RegisterAsync());
    }

    [Fact]
    public async Task A_reset_from_the_ui_signals_a_fresh_first_run_and_ignores_positions_of_the_old_run()
    {
        await using var harness = await SimHarness.StartAsync();
        var keeper = harness.Keeper;
        await keeper.RegisterAsync();
        keeper.Confirm(StreamEventId.Parse("1717236930123-2"));
        await keeper.PingAsync();
        var signal = keeper.ResetRequested;

        harness.Platform.ResetConnectorState(SimHarness.ConnectorId);
        var reset = await keeper.PingAsync();

        Assert.True(reset);
        Assert.True(signal.IsCancellationRequested);
        Assert.True(keeper.Current!.StartFrom.IsZero);
        Assert.True(keeper.Current.IsRecovering);

        // The old run may still confirm what it had in flight: that must not overwrite the fresh start.
        keeper.Confirm(StreamEventId.Parse("1717236999999-0"));
        Assert.True(keeper.Current.StartFrom.IsZero);

        var fresh = keeper.BeginFreshRun();
        Assert.False(keeper.ResetRequested.IsCancellationRequested);
        Assert.Equal(keeper.Current, fresh);
        Assert.False(await keeper.PingAsync());
        Assert.Equal(fresh.ToJson(), harness.Platform.GetConnector(SimHarness.ConnectorId)!.State);
    }

    [Fact]
    public async Task After_a_reset_a_restart_registers_into_a_fresh_first_run()
    {
        await using var harness = await SimHarness.StartAsync();
        await harness.Keeper.RegisterAsync();
        harness.Keeper.Confirm(StreamEventId.Parse("5000-0"));
        await harness.Keeper.PingAsync();
        harness.Platform.ResetConnectorState(SimHarness.ConnectorId);

        using var restarted = new ConnectorStateKeeper(harness.GraphQl, SimHarness.Identity, TimeProvider.System, harness.Logger<ConnectorStateKeeper>());
        var start = await restarted.RegisterAsync();

        Assert.True(start.StartFrom.IsZero);
        Assert.True(start.IsRecovering);
    }

    [Fact]
    public async Task As_a_hosted_service_it_pings_periodically_and_once_more_on_stop()
    {
        await using var harness = await SimHarness.StartAsync();
        using var keeper = new ConnectorStateKeeper(harness.GraphQl, SimHarness.Identity, TimeProvider.System, harness.Logger<ConnectorStateKeeper>())
        {
            PingInterval = TimeSpan.FromMilliseconds(50),
        };

        await keeper.StartAsync(CancellationToken.None);
        await keeper.RegisterAsync();
        keeper.Confirm(StreamEventId.Parse("7000-1"));
        await Eventually(() => harness.Platform.GetConnector(SimHarness.ConnectorId)?.State?.Contains("7000-1", StringComparison.Ordinal) == true);

        harness.Platform.ResetConnectorState(SimHarness.ConnectorId);
        await Eventually(() => keeper.ResetRequested.IsCancellationRequested);
        keeper.BeginFreshRun();
        keeper.Confirm(StreamEventId.Parse("8000-0"));
        await keeper.StopAsync(CancellationToken.None);

        Assert.Contains("\"start_from\":\"8000-0\"", harness.Platform.GetConnector(SimHarness.ConnectorId)!.State, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_reset_restarts_the_stream_in_process_with_a_fresh_recovery()
    {
        await using var harness = await SimHarness.StartAsync();
        var indicators = Enumerable.Range(1, 5)
            .Select(n => harness.Platform.AddIndicator(new IndicatorDraft { Pattern = $"[ipv4-addr:value = '192.0.2.{n}']" }))
            .Select(i => i.StandardId)
            .ToHashSet(StringComparer.Ordinal);
        var keeper = harness.Keeper;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var runs = new List<HashSet<string>>();

        // The loop a stream reader runs (see ConnectorStateKeeper's remarks).
        var state = await keeper.RegisterAsync(timeout.Token);
        while (runs.Count < 2)
        {
            var recovered = new HashSet<string>(StringComparer.Ordinal);
            runs.Add(recovered);
            using var run = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, keeper.ResetRequested);
            try
            {
                await foreach (var streamEvent in harness.Stream.ReadAsync(state, run.Token))
                {
                    if (streamEvent is IndicatorEvent { IsRecovery: true } indicatorEvent)
                    {
                        recovered.Add(indicatorEvent.Indicator.Id);
                    }

                    if (streamEvent is PositionedStreamEvent positioned)
                    {
                        keeper.Confirm(positioned.Id);
                    }

                    if (runs.Count == 1 && recovered.SetEquals(indicators))
                    {
                        harness.Platform.ResetConnectorState(SimHarness.ConnectorId);
                        await keeper.PingAsync(timeout.Token);
                    }
                    else if (runs.Count == 2 && recovered.SetEquals(indicators))
                    {
                        break;
                    }
                }
            }
            catch (OperationCanceledException) when (!timeout.IsCancellationRequested)
            {
                state = keeper.BeginFreshRun();
            }
        }

        Assert.All(runs, run => Assert.Equal(indicators.Order(), run.Order()));
        Assert.True(state.StartFrom.IsZero, "the second run started from the beginning");
    }

    private static async Task Eventually(Func<bool> condition)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        while (!condition())
        {
            await Task.Delay(20, timeout.Token);
        }
    }
}
