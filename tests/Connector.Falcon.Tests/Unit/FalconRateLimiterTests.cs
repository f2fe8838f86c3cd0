using System.Net;
using Connector.Falcon.RateLimiting;
using Microsoft.Extensions.Time.Testing;

namespace Connector.Falcon.Tests.Unit;

public sealed class FalconRateLimiterTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2025, 3, 1, 12, 0, 0, TimeSpan.Zero));

    [Theory]
    [InlineData(0.5, 3000)]
    [InlineData(1.0, 6000)]
    [InlineData(0.1, 600)]
    [InlineData(0.0001, 1)]
    public void The_budget_is_the_limit_times_the_share(double share, int budget) =>
        Assert.Equal(budget, new FalconRateLimiter(share, _time).Budget);

    [Fact]
    public void The_budget_follows_the_limit_falcon_announces()
    {
        var limiter = new FalconRateLimiter(0.5, _time);

        limiter.Observe(200, limit: 1000, remaining: 900, retryAfterUnixSeconds: null);

        Assert.Equal(500, limiter.Budget);
        Assert.Equal(1000, limiter.Limit);
    }

    [Fact]
    public void Within_the_budget_requests_go_out_at_once()
    {
        var limiter = WithBudget(3);

        for (var i = 0; i < 3; i++)
        {
            Assert.True(limiter.TryAcquire(out _));
        }

        Assert.Equal(3, limiter.SentInWindow);
    }

    [Fact]
    public void Past_the_budget_a_request_waits_until_the_oldest_leaves_the_sliding_minute()
    {
        var limiter = WithBudget(3);
        limiter.TryAcquire(out _);
        _time.Advance(TimeSpan.FromSeconds(10));
        limiter.TryAcquire(out _);
        limiter.TryAcquire(out _);

        Assert.False(limiter.TryAcquire(out var wait));
        Assert.Equal(TimeSpan.FromSeconds(50), wait);

        _time.Advance(TimeSpan.FromSeconds(49));
        Assert.False(limiter.TryAcquire(out wait));
        Assert.Equal(TimeSpan.FromSeconds(1), wait);

        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.True(limiter.TryAcquire(out _));

        // The next two slots free up ten seconds after the first, when the second and third leave the window.
        Assert.False(limiter.TryAcquire(out wait));
        Assert.Equal(TimeSpan.FromSeconds(10), wait);
    }

    [Fact]
    public void After_a_429_nothing_goes_out_before_the_absolute_retry_time()
    {
        var limiter = new FalconRateLimiter(0.5, _time);
        var retryAt = _time.GetUtcNow().AddSeconds(7);

        var blocked = limiter.Observe(429, 6000, 0, retryAt.ToUnixTimeSeconds());

        Assert.Equal(retryAt, blocked);
        Assert.False(limiter.TryAcquire(out var wait));
        Assert.Equal(TimeSpan.FromSeconds(7), wait);
        _time.Advance(TimeSpan.FromSeconds(6.9));
        Assert.False(limiter.TryAcquire(out _));
        _time.Advance(TimeSpan.FromSeconds(0.1));
        Assert.True(limiter.TryAcquire(out _));
    }

    [Fact]
    public void The_retry_header_is_an_epoch_not_a_delay()
    {
        var limiter = new FalconRateLimiter(0.5, _time);
        var epoch = _time.GetUtcNow().ToUnixTimeSeconds() + 3;

        limiter.Observe(429, null, null, epoch);

        // Read as a delay, "1740830403" seconds would block for decades; read as an epoch it is three seconds.
        Assert.False(limiter.TryAcquire(out var wait));
        Assert.Equal(TimeSpan.FromSeconds(3), wait);
    }

    [Fact]
    public void Once_the_retry_time_has_come_requests_flow_without_extra_spacing()
    {
        var limiter = new FalconRateLimiter(0.5, _time);
        limiter.Observe(429, 6000, 0, _time.GetUtcNow().AddSeconds(2).ToUnixTimeSeconds());

        _time.Advance(TimeSpan.FromSeconds(2));

        Assert.True(limiter.TryAcquire(out _));
        Assert.True(limiter.TryAcquire(out _));
        Assert.Equal(0, limiter.Remaining);
    }

    [Fact]
    public void A_retry_time_already_passed_still_pauses_briefly()
    {
        var limiter = new FalconRateLimiter(0.5, _time);

        limiter.Observe(429, null, null, _time.GetUtcNow().AddSeconds(-30).ToUnixTimeSeconds());

        Assert.False(limiter.TryAcquire(out var wait));
        Assert.Equal(FalconRateLimiter.MinimumPause, wait);
    }

    [Fact]
    public void A_retry_time_far_ahead_is_capped_as_clock_skew()
    {
        var limiter = new FalconRateLimiter(0.5, _time);

        limiter.Observe(429, null, null, _time.GetUtcNow().AddHours(5).ToUnixTimeSeconds());

        Assert.False(limiter.TryAcquire(out var wait));
        Assert.Equal(FalconRateLimiter.MaxBlock, wait);
    }

    [Theory]
    [InlineData(1, 2)]
    [InlineData(2, 4)]
    [InlineData(3, 8)]
    [InlineData(6, 60)]
    public void A_429_without_retry_time_backs_off_exponentially(int throttles, int expectedSeconds)
    {
        var limiter = new FalconRateLimiter(0.5, _time);
        DateTimeOffset? blocked = null;
        for (var i = 0; i < throttles; i++)
        {
            blocked = limiter.Observe(429, null, null, null);
        }

        Assert.Equal(_time.GetUtcNow().AddSeconds(expectedSeconds), blocked);
    }

    [Fact]
    public void A_later_429_never_shortens_the_block()
    {
        var limiter = new FalconRateLimiter(0.5, _time);
        var far = _time.GetUtcNow().AddSeconds(20);
        limiter.Observe(429, null, null, far.ToUnixTimeSeconds());

        var blocked = limiter.Observe(429, null, null, _time.GetUtcNow().AddSeconds(5).ToUnixTimeSeconds());

        Assert.Equal(far, blocked);
    }

    [Theory]
    [InlineData(6000, 601, 0)]
    [InlineData(6000, 600, 0)]
    [InlineData(6000, 500, 120)]
    [InlineData(6000, 60, 1000)]
    [InlineData(6000, 6, 10_000)]
    [InlineData(6000, 0, 10_000)]
    [InlineData(1000, 50, 1200)]
    public void Low_headroom_spreads_the_remaining_requests_over_the_window(int limit, int remaining, int spacingMs)
    {
        var limiter = new FalconRateLimiter(1.0, _time);
        limiter.Observe(200, limit, remaining, null);

        Assert.Equal(TimeSpan.FromMilliseconds(spacingMs), limiter.SpacingAt(_time.GetUtcNow()));
    }

    [Fact]
    public void Low_headroom_spaces_consecutive_requests()
    {
        var limiter = new FalconRateLimiter(1.0, _time);
        limiter.Observe(200, 6000, 300, null);

        Assert.True(limiter.TryAcquire(out _));
        Assert.False(limiter.TryAcquire(out var wait));
        Assert.Equal(TimeSpan.FromMilliseconds(200), wait);
        _time.Advance(TimeSpan.FromMilliseconds(200));
        Assert.True(limiter.TryAcquire(out _));
    }

    [Fact]
    public void A_headroom_reading_older_than_the_window_no_longer_slows_down()
    {
        var limiter = new FalconRateLimiter(1.0, _time);
        limiter.Observe(200, 6000, 10, null);
        limiter.TryAcquire(out _);

        _time.Advance(TimeSpan.FromSeconds(61));

        Assert.True(limiter.TryAcquire(out _));
        Assert.True(limiter.TryAcquire(out _));
    }

    [Fact]
    public async Task AcquireAsync_waits_for_the_retry_time_on_the_given_clock()
    {
        var limiter = new FalconRateLimiter(0.5, _time);
        limiter.Observe(429, null, null, _time.GetUtcNow().AddSeconds(5).ToUnixTimeSeconds());

        var acquire = limiter.AcquireAsync(CancellationToken.None).AsTask();
        await Task.Yield();
        Assert.False(acquire.IsCompleted);

        _time.Advance(TimeSpan.FromSeconds(4));
        await Task.Yield();
        Assert.False(acquire.IsCompleted);

        _time.Advance(TimeSpan.FromSeconds(1));
        var waited = await acquire.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(TimeSpan.FromSeconds(5), waited);
    }

    [Fact]
    public void Headers_of_an_answer_are_read()
    {
        var limiter = new FalconRateLimiter(0.5, _time);
        using var response = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
        response.Headers.Add("X-Ratelimit-Limit", "6000");
        response.Headers.Add("X-Ratelimit-Remaining", "0");
        response.Headers.Add("X-RateLimit-RetryAfter", _time.GetUtcNow().AddSeconds(9).ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture));

        var blocked = limiter.Observe(response);

        Assert.Equal(_time.GetUtcNow().AddSeconds(9), blocked);
        Assert.Equal(0, limiter.Remaining);
        Assert.Equal(blocked, limiter.BlockedUntil);
    }

    private FalconRateLimiter WithBudget(int budget)
    {
        var limiter = new FalconRateLimiter(1.0, _time);
        limiter.Observe(200, budget, null, null);
        return limiter;
    }
}
