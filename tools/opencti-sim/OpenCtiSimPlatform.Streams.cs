using OpenCtiSim.Filters;

namespace OpenCtiSim;

public sealed partial class OpenCtiSimPlatform
{
    private readonly Dictionary<string, LiveStreamState> _streams = new(StringComparer.Ordinal);

    /// <summary>Every live stream, deleted ones included.</summary>
    public IReadOnlyList<SimLiveStreamInfo> LiveStreams
    {
        get
        {
            lock (_gate)
            {
                return [.. _streams.Values.Select(s => s.Stream)];
            }
        }
    }

    /// <summary>The live stream with this id, or null.</summary>
    public SimLiveStreamInfo? GetLiveStream(string id)
    {
        lock (_gate)
        {
            return _streams.GetValueOrDefault(id)?.Stream;
        }
    }

    /// <summary>Creates (or replaces) a running live stream with a FilterGroup given as its JSON string.</summary>
    /// <exception cref="ArgumentException">The filters are not a FilterGroup the simulator can evaluate.</exception>
    public SimLiveStreamInfo CreateLiveStream(string id, string name, string filters)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        var group = ParseFilters(filters);
        var stream = new SimLiveStreamInfo(id, name, filters, LiveStreamStatus.Running);
        lock (_gate)
        {
            _streams[id] = new LiveStreamState(stream, group);
        }

        return stream;
    }

    /// <summary>Replaces a stream's FilterGroup; open connections apply it from their next event.</summary>
    public SimLiveStreamInfo SetStreamFilters(string id, string filters)
    {
        var group = ParseFilters(filters);
        lock (_gate)
        {
            var state = _streams.GetValueOrDefault(id) ?? throw new KeyNotFoundException($"no live stream '{id}'");
            var updated = state.Stream with { Filters = filters };
            _streams[id] = new LiveStreamState(updated, group);
            return updated;
        }
    }

    /// <summary>Starts, stops (the stream answers 410) or deletes (401) a live stream. Open connections stay open.</summary>
    public SimLiveStreamInfo SetStreamStatus(string id, LiveStreamStatus status)
    {
        lock (_gate)
        {
            var state = _streams.GetValueOrDefault(id) ?? throw new KeyNotFoundException($"no live stream '{id}'");
            var updated = state.Stream with { Status = status };
            _streams[id] = state with { Stream = updated };
            return updated;
        }
    }

    internal LiveStreamState? FindStream(string id)
    {
        lock (_gate)
        {
            return _streams.GetValueOrDefault(id);
        }
    }

    private static FilterGroup ParseFilters(string filters)
    {
        try
        {
            return FilterGroup.Parse(filters);
        }
        catch (FilterException e)
        {
            throw new ArgumentException($"invalid stream filters: {e.Message}", nameof(filters), e);
        }
    }
}

/// <summary>A live stream with its parsed filter.</summary>
internal sealed record LiveStreamState(SimLiveStreamInfo Stream, FilterGroup Filter);
