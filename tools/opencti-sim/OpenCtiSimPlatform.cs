using OpenCtiSim.Events;
using OpenCtiSim.Filters;
using OpenCtiSim.Platform;

namespace OpenCtiSim;

/// <summary>
/// The simulated platform's data: indicators (and the markings, identities and labels they reference), the event
/// log the live streams read, the live streams, the registered connectors, fault switches and counters. Every change
/// goes through a method here and appends the events the real platform would. Thread-safe.
/// </summary>
public sealed partial class OpenCtiSimPlatform
{
    private readonly Lock _gate = new();
    private readonly EventFactory _events;

    /// <summary>Creates an empty platform with the options' live stream (and its seed indicators, if any).</summary>
    public OpenCtiSimPlatform(OpenCtiSimOptions? options = null)
    {
        Options = options ?? new OpenCtiSimOptions();
        Time = Options.TimeProvider;
        Log = new EventLog(Time);
        References = new ReferenceRegistry();
        Evaluator = new FilterEvaluator(References);
        _events = new EventFactory(Options.IncludeObservableValues);
        _generator = new IndicatorGenerator(Options.Seed, References);
        CreateLiveStream(Options.LiveStreamId, Options.LiveStreamName, Options.LiveStreamFilters);
        if (Options.SeedIndicators > 0)
        {
            GenerateIndicators(Options.SeedIndicators);
        }
    }

    public OpenCtiSimOptions Options { get; }

    /// <summary>The fault switches (the same object as <see cref="OpenCtiSimOptions.Faults"/>).</summary>
    public OpenCtiSimFaults Faults => Options.Faults;

    /// <summary>What the simulator served so far.</summary>
    public OpenCtiSimCounters Counters => CounterSink.Snapshot();

    /// <summary>The marking definitions indicators may reference (TLP:CLEAR, GREEN, AMBER, RED).</summary>
    public IReadOnlyList<SimMarking> Markings => References.Markings;

    /// <summary>The organizations indicators may name in <c>created_by_ref</c>.</summary>
    public IReadOnlyList<SimIdentity> Identities => References.Identities;

    /// <summary>The labels used so far.</summary>
    public IReadOnlyList<SimLabel> Labels => References.Labels;

    // ---- event log ----

    /// <summary>The id of the newest event in the log (<c>0-0</c> when none was ever written).</summary>
    public StreamEventId LastEventId => Log.LastId;

    /// <summary>The id of the oldest event still in the log: it moves when history is trimmed.</summary>
    public StreamEventId FirstEventId => Log.Info().First;

    /// <summary>How many events the log holds (the <c>streamSize</c> of the connected frame).</summary>
    public long EventCount => Log.Info().Size;

    /// <summary>Drops the events older than <paramref name="before"/>, as redis trimming does; returns how many went.</summary>
    public int TrimHistory(DateTimeOffset before) => Log.TrimBefore(StreamEventId.At(before));

    /// <summary>Drops the events with ids before <paramref name="keepFrom"/>; returns how many went.</summary>
    public int TrimHistory(StreamEventId keepFrom) => Log.TrimBefore(keepFrom);

    /// <summary>Keeps only the newest <paramref name="keep"/> events; returns how many went.</summary>
    public int TrimHistoryToCount(int keep) => Log.TrimToCount(keep);

    // ---- connections ----

    /// <summary>The live stream connections open now.</summary>
    public int ActiveConnections => Connections.Count;

    /// <summary>Cuts every open live stream connection (the TCP connection is reset); returns how many.</summary>
    public int DropConnections() => Connections.DropAll();

    internal TimeProvider Time { get; }

    internal EventLog Log { get; }

    internal ReferenceRegistry References { get; }

    internal FilterEvaluator Evaluator { get; }

    internal SimCounters CounterSink { get; } = new();

    internal ConnectionRegistry Connections { get; } = new();

    /// <summary>Appends an event that clients must never see (version below 4); for tests of the stream's rules.</summary>
    internal StreamEvent AppendLegacyEvent(string type)
    {
        lock (_gate)
        {
            return Log.Append(id => EventFactory.Legacy(id, type, new System.Text.Json.Nodes.JsonObject { ["id"] = "legacy--" + id }));
        }
    }
}
