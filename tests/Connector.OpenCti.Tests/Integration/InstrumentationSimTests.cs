using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using Connector.OpenCti.Diagnostics;
using Connector.OpenCti.LiveStream;
using Connector.OpenCti.State;
using Connector.OpenCti.Tests.Support;
using OpenCtiSim;
using StreamEventId = Connector.OpenCti.LiveStream.StreamEventId;

namespace Connector.OpenCti.Tests.Integration;

/// <summary>Spans and metrics of the client, recorded while it talks to the simulator.</summary>
public sealed class InstrumentationSimTests
{
    [Fact]
    public async Task GraphQl_calls_and_stream_connections_are_traced_without_secrets()
    {
        var activities = new ConcurrentQueue<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == OpenCtiInstrumentation.ActivitySourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activities.Enqueue,
        };
        ActivitySource.AddActivityListener(listener);
        await using var harness = await SimHarness.StartAsync();
        harness.Platform.AddIndicator(new IndicatorDraft { Pattern = "[ipv4-addr:value = '192.0.2.1']" });

        await harness.GraphQl.GetVersionAsync();
        await using (var reader = new StreamCollector(harness.Stream, new ConnectorState(StreamEventId.Zero, null)))
        {
            await reader.WaitForAsync(events => events.OfType<IndicatorEvent>().Any());
            harness.Platform.DropConnections();
            await reader.WaitForAsync(events => events.OfType<StreamConnected>().Count() >= 2);
        }

        var mine = activities.Where(a => a.Tags.Any(t => t.Key.StartsWith("graphql", StringComparison.Ordinal) || t.Key.StartsWith("opencti", StringComparison.Ordinal))).ToList();
        Assert.Contains(mine, a => a.DisplayName == "opencti.graphql About" && a.Kind == ActivityKind.Client);
        Assert.Contains(mine, a => a.DisplayName == "opencti.stream.connection" && (string?)a.GetTagItem("opencti.stream.id") == harness.Settings.StreamId);
        Assert.All(mine.SelectMany(a => a.Tags), tag => Assert.DoesNotContain(harness.Sim.Options.Token, tag.Value ?? string.Empty, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Frames_reconnects_and_the_last_event_time_are_measured()
    {
        await using var harness = await SimHarness.StartAsync();
        var meterFactory = harness.Services<IMeterFactory>();
        var frames = new ConcurrentDictionary<string, long>();
        long reconnects = 0;
        long lastEventTime = 0;
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                // Only this harness's meter: other tests run their own clients in parallel.
                if (instrument.Meter.Name == OpenCtiInstrumentation.MeterName && ReferenceEquals(instrument.Meter.Scope, meterFactory))
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            switch (instrument.Name)
            {
                case "opencti.stream.frames":
                    foreach (var tag in tags)
                    {
                        if (tag.Key == "event")
                        {
                            frames.AddOrUpdate((string)tag.Value!, value, (_, sum) => sum + value);
                        }
                    }

                    break;
                case "opencti.stream.reconnects":
                    Interlocked.Add(ref reconnects, value);
                    break;
                case "opencti.stream.last_event_time":
                    Interlocked.Exchange(ref lastEventTime, value);
                    break;
            }
        });
        listener.Start();
        var indicator = harness.Platform.AddIndicator(new IndicatorDraft { Pattern = "[ipv4-addr:value = '192.0.2.2']" });

        await using (var reader = new StreamCollector(harness.Stream, new ConnectorState(StreamEventId.Zero, null)))
        {
            await reader.WaitForAsync(events => events.OfType<IndicatorEvent>().Any());
            harness.Platform.DropConnections();
            await reader.WaitForAsync(events => events.OfType<StreamConnected>().Count() >= 2);
        }

        listener.RecordObservableInstruments();
        Assert.True(frames.GetValueOrDefault("connected") >= 2);
        Assert.True(frames.GetValueOrDefault("create") >= 1);
        Assert.True(Interlocked.Read(ref reconnects) >= 1);
        Assert.True(Interlocked.Read(ref lastEventTime) >= harness.Platform.GetIndicator(indicator.Id)!.UpdatedAt.ToUnixTimeMilliseconds());
    }
}
