using System.Globalization;
using Connector.Falcon.Configuration;
using Connector.Falcon.Telemetry;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Connector.Falcon.RateLimiting;

/// <summary>
/// The one rate limiter of the process for Falcon API calls (a singleton shared by every client instance).
/// It holds three rules, and a request goes out only when all three allow it:
/// <list type="number">
/// <item>at most <see cref="Budget"/> requests (the account limit × <c>request_share</c>) in any sliding minute;</item>
/// <item>when Falcon's <c>X-Ratelimit-Remaining</c> falls below 10 % of the limit, the remaining requests are spread
/// over the window (one every minute ÷ remaining, at most <see cref="MaxSpacing"/> apart), because the budget is
/// shared with every other API client of the customer;</item>
/// <item>after a 429, nothing goes out before <c>X-Ratelimit-Retryafter</c> (absolute Unix seconds).</item>
/// </list>
/// </summary>
public sealed class FalconRateLimiter
{
    /// <summary>Falcon's sliding window.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    /// <summary>Falcon's requests per minute per customer, until an answer's <c>X-Ratelimit-Limit</c> says otherwise.</summary>
    public const int DefaultLimit = 6000;

    /// <summary>Below this fraction of the limit left, requests are spread out.</summary>
    public const double SlowdownThreshold = 0.10;

    /// <summary>The longest spacing the slow-down imposes; a 429 still tells the exact time when it is not enough.</summary>
    public static readonly TimeSpan MaxSpacing = TimeSpan.FromSeconds(10);

    /// <summary>A 429's retry time further ahead than this is taken as clock skew and capped.</summary>
    public static readonly TimeSpan MaxBlock = TimeSpan.FromMinutes(2);

    /// <summary>Shortest pause after a 429, also when its retry time has already passed on our clock.</summary>
    public static readonly TimeSpan MinimumPause = TimeSpan.FromMilliseconds(500);

    private static readonly TimeSpan FirstBackoff = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(60);

    private readonly Lock _gate = new();
    private readonly Queue<DateTimeOffset> _sent = new();
    private readonly double _share;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private int _limit = DefaultLimit;
    private int? _remaining;
    private DateTimeOffset _remainingObservedAt;
    private DateTimeOffset _blockedUntil = DateTimeOffset.MinValue;
    private DateTimeOffset _lastSent = DateTimeOffset.MinValue;
    private int _consecutiveThrottles;
    private bool _slow;

    /// <summary>Creates the limiter from the client settings.</summary>
    public FalconRateLimiter(IOptions<FalconOptions> options, TimeProvider time, ILogger<FalconRateLimiter> logger)
        : this((options ?? throw new ArgumentNullException(nameof(options))).Value.RequestShare, time, logger)
    {
    }

    internal FalconRateLimiter(double requestShare, TimeProvider time, ILogger? logger = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(requestShare);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(requestShare, 1);
        _share = requestShare;
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _logger = logger ?? NullLogger.Instance;
    }

    /// <summary>The account's limit per minute (from <c>X-Ratelimit-Limit</c>).</summary>
    public int Limit
    {
        get
        {
            lock (_gate)
            {
                return _limit;
            }
        }
    }

    /// <summary>Requests per sliding minute this process allows itself.</summary>
    public int Budget
    {
        get
        {
            lock (_gate)
            {
                return BudgetOf(_limit);
            }
        }
    }

    /// <summary>The account's headroom from the last answer (<c>X-Ratelimit-Remaining</c>), or null before any.</summary>
    public int? Remaining
    {
        get
        {
            lock (_gate)
            {
                return _remaining;
            }
        }
    }

    /// <summary>Requests this process sent in the last minute.</summary>
    public int SentInWindow
    {
        get
        {
            lock (_gate)
            {
                Prune(_time.GetUtcNow());
                return _sent.Count;
            }
        }
    }

    /// <summary>The time before which no request may go out because of a 429, if it is still ahead.</summary>
    public DateTimeOffset? BlockedUntil
    {
        get
        {
            lock (_gate)
            {
                return _blockedUntil > _time.GetUtcNow() ? _blockedUntil : null;
            }
        }
    }

    /// <summary>Takes a permit if every rule allows a request now; otherwise tells how long to wait before asking again.</summary>
    public bool TryAcquire(out TimeSpan wait)
    {
        lock (_gate)
        {
            var now = _time.GetUtcNow();
            wait = WaitAt(now);
            if (wait > TimeSpan.Zero)
            {
                return false;
            }

            _sent.Enqueue(now);
            _lastSent = now;
            return true;
        }
    }

    /// <summary>Waits until a request may go out and takes the permit; returns how long it waited.</summary>
    public async ValueTask<TimeSpan> AcquireAsync(CancellationToken cancellationToken)
    {
        var started = _time.GetTimestamp();
        while (!TryAcquire(out var wait))
        {
            await Task.Delay(wait, _time, cancellationToken);
        }

        return _time.GetElapsedTime(started);
    }

    /// <summary>
    /// Learns from an answer's rate-limit headers. Returns the time the process is blocked until when the answer
    /// was a 429, otherwise null.
    /// </summary>
    public DateTimeOffset? Observe(HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        return Observe(
            (int)response.StatusCode,
            HeaderInt64(response, "X-Ratelimit-Limit"),
            HeaderInt64(response, "X-Ratelimit-Remaining"),
            HeaderInt64(response, "X-Ratelimit-Retryafter"));
    }

    /// <summary>Learns from an answer's status and rate-limit header values.</summary>
    internal DateTimeOffset? Observe(int status, long? limit, long? remaining, long? retryAfterUnixSeconds)
    {
        lock (_gate)
        {
            var now = _time.GetUtcNow();
            if (limit is > 0 and <= int.MaxValue)
            {
                _limit = (int)limit.Value;
            }

            if (remaining is >= 0)
            {
                _remaining = (int)Math.Min(remaining.Value, int.MaxValue);
                _remainingObservedAt = now;
            }

            if (status != 429)
            {
                _consecutiveThrottles = 0;
                LogSlowdownChange(now);
                return null;
            }

            // The retry time says when the budget opens again; the 429's "Remaining: 0" must not also slow down
            // the requests after it, so it is shown but not used for spacing.
            _consecutiveThrottles++;
            _remaining = 0;
            _remainingObservedAt = DateTimeOffset.MinValue;
            var until = retryAfterUnixSeconds is { } epoch
                ? Clamp(DateTimeOffset.FromUnixTimeSeconds(epoch), now + MinimumPause, now + MaxBlock)
                : now + Backoff(_consecutiveThrottles);
            if (until > _blockedUntil)
            {
                _blockedUntil = until;
            }

            return _blockedUntil;
        }
    }

    /// <summary>The spacing the slow-down imposes now (zero when headroom is fine).</summary>
    internal TimeSpan SpacingAt(DateTimeOffset now)
    {
        // A headroom reading older than the window says nothing any more: the sliding window has turned over.
        if (_remaining is not { } remaining || now - _remainingObservedAt >= Window || remaining >= _limit * SlowdownThreshold)
        {
            return TimeSpan.Zero;
        }

        var spacing = Window / Math.Max(remaining, 1);
        return spacing < MaxSpacing ? spacing : MaxSpacing;
    }

    private TimeSpan WaitAt(DateTimeOffset now)
    {
        Prune(now);
        var wait = _blockedUntil - now;

        if (_sent.Count >= BudgetOf(_limit))
        {
            wait = Max(wait, _sent.Peek() + Window - now);
        }

        var spacing = SpacingAt(now);
        if (spacing > TimeSpan.Zero && _lastSent != DateTimeOffset.MinValue)
        {
            wait = Max(wait, _lastSent + spacing - now);
        }

        return wait;
    }

    private void Prune(DateTimeOffset now)
    {
        while (_sent.Count > 0 && _sent.Peek() <= now - Window)
        {
            _sent.Dequeue();
        }
    }

    private void LogSlowdownChange(DateTimeOffset now)
    {
        var spacing = SpacingAt(now);
        var slow = spacing > TimeSpan.Zero;
        if (slow && !_slow)
        {
            _logger.SlowingDown(_remaining ?? 0, _limit, spacing.TotalMilliseconds);
        }

        _slow = slow;
    }

    private int BudgetOf(int limit) => Math.Max(1, (int)Math.Floor(limit * _share));

    private static TimeSpan Backoff(int consecutive)
    {
        var backoff = FirstBackoff * Math.Pow(2, Math.Min(consecutive - 1, 10));
        return backoff < MaxBackoff ? backoff : MaxBackoff;
    }

    private static DateTimeOffset Clamp(DateTimeOffset value, DateTimeOffset min, DateTimeOffset max) =>
        value < min ? min : value > max ? max : value;

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    private static long? HeaderInt64(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values)
        && long.TryParse(values.FirstOrDefault(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)
            ? value
            : null;
}
