using System.Globalization;
using System.Net;
using Microsoft.Extensions.Time.Testing;
using Polly;
using Polly.Timeout;

namespace Connector.Falcon.Tests.Unit;

public sealed class RetryPolicyTests
{
    [Theory]
    [InlineData(HttpStatusCode.InternalServerError, true)]
    [InlineData(HttpStatusCode.BadGateway, true)]
    [InlineData(HttpStatusCode.ServiceUnavailable, true)]
    [InlineData(HttpStatusCode.RequestTimeout, true)]
    [InlineData(HttpStatusCode.TooManyRequests, false)]
    [InlineData(HttpStatusCode.BadRequest, false)]
    [InlineData(HttpStatusCode.Unauthorized, false)]
    [InlineData(HttpStatusCode.NotFound, false)]
    [InlineData(HttpStatusCode.Created, false)]
    public void Transient_answers_are_5xx_and_408_only(HttpStatusCode status, bool transient)
    {
        using var response = new HttpResponseMessage(status);

        Assert.Equal(transient, FalconServiceCollectionExtensions.IsTransientFailure(Outcome.FromResult(response)));
    }

    [Fact]
    public void Network_errors_and_attempt_timeouts_are_transient_but_a_callers_cancellation_is_not()
    {
        Assert.True(FalconServiceCollectionExtensions.IsTransientFailure(Outcome.FromException<HttpResponseMessage>(new HttpRequestException("refused"))));
        Assert.True(FalconServiceCollectionExtensions.IsTransientFailure(Outcome.FromException<HttpResponseMessage>(new TimeoutRejectedException())));
        Assert.False(FalconServiceCollectionExtensions.IsTransientFailure(Outcome.FromException<HttpResponseMessage>(new OperationCanceledException())));
    }

    [Theory]
    [InlineData(5, 5000)]
    [InlineData(0, 500)]
    [InlineData(-10, 500)]
    [InlineData(3600, 120_000)]
    public void A_throttled_login_waits_for_its_absolute_retry_time(int secondsAhead, int expectedMs)
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2025, 3, 1, 12, 0, 0, TimeSpan.Zero));
        using var response = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
        response.Headers.Add("X-Ratelimit-Retryafter", time.GetUtcNow().AddSeconds(secondsAhead).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture));

        Assert.Equal(TimeSpan.FromMilliseconds(expectedMs), FalconServiceCollectionExtensions.LoginRetryAfter(response, time));
    }

    [Fact]
    public void A_login_failure_without_retry_time_uses_the_backoff()
    {
        using var throttled = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
        using var failed = new HttpResponseMessage(HttpStatusCode.BadGateway);

        Assert.Null(FalconServiceCollectionExtensions.LoginRetryAfter(throttled, TimeProvider.System));
        Assert.Null(FalconServiceCollectionExtensions.LoginRetryAfter(failed, TimeProvider.System));
    }
}
