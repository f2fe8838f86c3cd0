using System.Collections.Concurrent;
using System.Globalization;

namespace Connector.Falcon.Tests.Support;

/// <summary>One HTTP exchange as the client's innermost handler saw it.</summary>
public sealed record RecordedExchange(
    DateTimeOffset SentAt,
    DateTimeOffset AnsweredAt,
    string Method,
    string Authority,
    string Path,
    int Status,
    string? Authorization,
    long? RetryAfterEpoch);

/// <summary>What the <see cref="RecordingHandler"/>s of one client saw, and a hook run after each answer (to change the simulator mid-call).</summary>
public sealed class WireLog
{
    private readonly ConcurrentQueue<RecordedExchange> _exchanges = new();

    public IReadOnlyList<RecordedExchange> Exchanges => [.. _exchanges.OrderBy(e => e.SentAt)];

    public Action<RecordedExchange>? AfterAnswer { get; set; }

    internal void Add(RecordedExchange exchange)
    {
        _exchanges.Enqueue(exchange);
        AfterAnswer?.Invoke(exchange);
    }
}

/// <summary>
/// Appended innermost to the Falcon client's pipeline by the tests: records when each attempt really leaves the
/// process and what came back.
/// </summary>
public sealed class RecordingHandler(WireLog log) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var sentAt = DateTimeOffset.UtcNow;
        var response = await base.SendAsync(request, cancellationToken);
        long? retryAfter = response.Headers.TryGetValues("X-Ratelimit-Retryafter", out var values)
            ? long.Parse(values.First(), CultureInfo.InvariantCulture)
            : null;
        var exchange = new RecordedExchange(
            sentAt,
            DateTimeOffset.UtcNow,
            request.Method.Method,
            request.RequestUri!.Authority,
            request.RequestUri.AbsolutePath,
            (int)response.StatusCode,
            request.Headers.Authorization?.ToString(),
            retryAfter);
        log.Add(exchange);
        return response;
    }
}
