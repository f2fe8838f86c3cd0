using Microsoft.Extensions.Primitives;
using OpenCtiSim.Stix;

namespace OpenCtiSim.LiveStream;

/// <summary>What a client asked of a live stream, read from the query and headers as the platform reads them.</summary>
/// <param name="Start">Where to start: null means "from now on" (live events only).</param>
/// <param name="Recover">Until when to send the current state of every object first (needs a start).</param>
/// <param name="ListenDelete">False only when the header <c>listen-delete</c> is the literal <c>false</c>.</param>
/// <param name="NoDependencies">Header <c>no-dependencies: true</c>: skips core relationships, which the simulator never sends anyway.</param>
/// <param name="WithInferences">Header <c>with-inferences: true</c>: the simulator has no inferred objects.</param>
internal sealed record StreamRequest(StreamEventId? Start, DateTimeOffset? Recover, bool ListenDelete, bool NoDependencies, bool WithInferences)
{
    /// <summary>Reads a request; on a value the platform cannot use, returns null and the status line reason.</summary>
    public static StreamRequest? Read(HttpRequest request, out string? error)
    {
        error = null;

        // Precedence: query from > header from > Last-Event-ID.
        var startText = FirstNonEmpty(request.Query["from"], request.Headers["from"], request.Headers["Last-Event-ID"]);
        StreamEventId? start = null;
        if (startText is not null)
        {
            if (!TryReadPosition(startText, out var position))
            {
                error = "Invalid start position, expected a stream id or an ISO date";
                return null;
            }

            start = position;
        }

        var recoverText = FirstNonEmpty(request.Query["recover"], request.Headers["recover"], request.Headers["recover-date"]);
        DateTimeOffset? recover = null;
        if (recoverText is not null)
        {
            if (!SimTime.TryParse(recoverText, out var until))
            {
                error = "Invalid recover date, expected an ISO date";
                return null;
            }

            if (start is null)
            {
                error = "Recovery is only possible with a start position (from or Last-Event-ID)";
                return null;
            }

            recover = until;
        }

        var listenDelete = !string.Equals(request.Headers["listen-delete"], "false", StringComparison.Ordinal);
        var noDependencies = string.Equals(request.Headers["no-dependencies"], "true", StringComparison.Ordinal);
        var withInferences = string.Equals(request.Headers["with-inferences"], "true", StringComparison.Ordinal);
        return new StreamRequest(start, recover, listenDelete, noDependencies, withInferences);
    }

    private static bool TryReadPosition(string text, out StreamEventId position)
    {
        if (text is "0" or "0-0")
        {
            position = StreamEventId.Zero;
            return true;
        }

        if (StreamEventId.TryParse(text, out position))
        {
            return true;
        }

        if (SimTime.TryParse(text, out var date))
        {
            position = StreamEventId.At(date);
            return true;
        }

        return false;
    }

    private static string? FirstNonEmpty(params StringValues[] candidates)
    {
        foreach (var candidate in candidates)
        {
            var value = candidate.ToString().Trim();
            if (value.Length > 0)
            {
                return value;
            }
        }

        return null;
    }
}
