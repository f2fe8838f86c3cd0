using System.Net;
using Connector.Falcon.Auth;
using Connector.Falcon.Configuration;
using Connector.Falcon.RateLimiting;
using Connector.Falcon.Telemetry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace Connector.Falcon;

/// <summary>Registers the Falcon IOC client.</summary>
public static class FalconServiceCollectionExtensions
{
    /// <summary>Name of the HTTP client behind <see cref="IFalconIocClient"/>.</summary>
    public const string ApiHttpClientName = "Connector.Falcon.Api";

    /// <summary>How many 429s in a row one call sits out before giving up (each waits until Falcon's retry time).</summary>
    public const int MaxThrottledRetries = 10;

    /// <summary>
    /// Registers <see cref="IFalconIocClient"/> with <see cref="FalconOptions"/> bound from
    /// <paramref name="crowdstrikeSection"/> (the <c>crowdstrike</c> section) and validated at start. Each request
    /// goes through, outermost first: retries (429s after Falcon's retry time; 5xx, 408, network errors and
    /// timeouts with exponential backoff and jitter) → bearer token and region (a 401 refreshes the token once) →
    /// the process-wide rate limiter → the per-attempt timeout → metrics and a span.
    /// </summary>
    public static IServiceCollection AddFalconClient(this IServiceCollection services, IConfiguration crowdstrikeSection)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(crowdstrikeSection);

        services.AddOptions<FalconOptions>().Bind(crowdstrikeSection).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<FalconOptions>, FalconOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.AddMetrics();
        services.TryAddSingleton<FalconRateLimiter>();
        services.TryAddSingleton<FalconInstrumentation>();
        services.TryAddSingleton<IFalconClientStatistics>(sp => sp.GetRequiredService<FalconInstrumentation>());
        services.TryAddSingleton<FalconTokenProvider>();
        services.TryAddTransient<FalconAuthHandler>();
        services.TryAddTransient<FalconRateLimitHandler>();
        services.TryAddTransient<FalconTelemetryHandler>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, FalconTokenRevocationService>());

        // Logged headers are redacted: the API client carries the bearer token, the login's revoke call the secret.
        var login = services.AddHttpClient(FalconTokenProvider.HttpClientName, client => client.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(CreatePrimaryHandler)
            .RedactLoggedHeaders(static _ => true);
        login.AddResilienceHandler("falcon-oauth2", ConfigureLoginPipeline);
        login.AddHttpMessageHandler<FalconTelemetryHandler>();

        // Handlers run in the order they are added, the first one outermost.
        var api = services.AddHttpClient<IFalconIocClient, FalconIocClient>(ApiHttpClientName, (sp, client) =>
            {
                client.BaseAddress = sp.GetRequiredService<IOptions<FalconOptions>>().Value.ApiBaseUri;
                client.Timeout = Timeout.InfiniteTimeSpan;
            })
            .ConfigurePrimaryHttpMessageHandler(CreatePrimaryHandler)
            .RedactLoggedHeaders(static _ => true);
        api.AddResilienceHandler("falcon-retry", ConfigureRetryPipeline);
        api.AddHttpMessageHandler<FalconAuthHandler>();
        api.AddHttpMessageHandler<FalconRateLimitHandler>();
        api.AddResilienceHandler("falcon-attempt", ConfigureAttemptPipeline);
        api.AddHttpMessageHandler<FalconTelemetryHandler>();

        return services;
    }

    // Redirects are never followed by the HTTP stack: the login follows a region redirect itself, after checking
    // the target, and the API does not redirect.
    private static SocketsHttpHandler CreatePrimaryHandler() => new()
    {
        AllowAutoRedirect = false,
        AutomaticDecompression = DecompressionMethods.All,
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
    };

    private static void ConfigureRetryPipeline(ResiliencePipelineBuilder<HttpResponseMessage> builder, ResilienceHandlerContext context)
    {
        var options = context.ServiceProvider.GetRequiredService<IOptions<FalconOptions>>().Value;
        var instrumentation = context.ServiceProvider.GetRequiredService<FalconInstrumentation>();
        var logger = context.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger<FalconIocClient>();

        // A 429 is retried without a delay of its own: the rate limiter holds the next attempt (and every other
        // request of the process) until X-Ratelimit-Retryafter. These retries do not use up max_retries.
        builder.AddRetry(new HttpRetryStrategyOptions
        {
            Name = "falcon-throttled",
            MaxRetryAttempts = MaxThrottledRetries,
            BackoffType = DelayBackoffType.Constant,
            Delay = TimeSpan.Zero,
            UseJitter = false,
            ShouldRetryAfterHeader = false,
            ShouldHandle = args => ValueTask.FromResult(args.Outcome.Result?.StatusCode == HttpStatusCode.TooManyRequests),
            OnRetry = args => OnRetry(args, instrumentation, logger, "throttled"),
        });

        // A retried create that Falcon had in fact applied comes back as a duplicate, which the caller adopts; so
        // retrying non-idempotent POSTs cannot create twice.
        if (options.MaxRetries > 0)
        {
            builder.AddRetry(new HttpRetryStrategyOptions
            {
                Name = "falcon-transient",
                MaxRetryAttempts = options.MaxRetries,
                BackoffType = DelayBackoffType.Exponential,
                Delay = TimeSpan.FromMilliseconds(500),
                MaxDelay = TimeSpan.FromSeconds(30),
                UseJitter = true,
                ShouldRetryAfterHeader = false,
                ShouldHandle = args => ValueTask.FromResult(IsTransientFailure(args.Outcome)),
                OnRetry = args => OnRetry(args, instrumentation, logger, "transient"),
            });
        }
    }

    private static void ConfigureAttemptPipeline(ResiliencePipelineBuilder<HttpResponseMessage> builder, ResilienceHandlerContext context)
    {
        var options = context.ServiceProvider.GetRequiredService<IOptions<FalconOptions>>().Value;
        builder.AddTimeout(options.RequestTimeout);
    }

    private static void ConfigureLoginPipeline(ResiliencePipelineBuilder<HttpResponseMessage> builder, ResilienceHandlerContext context)
    {
        var options = context.ServiceProvider.GetRequiredService<IOptions<FalconOptions>>().Value;
        var instrumentation = context.ServiceProvider.GetRequiredService<FalconInstrumentation>();
        var logger = context.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger<FalconTokenProvider>();
        var time = context.ServiceProvider.GetRequiredService<TimeProvider>();
        if (options.MaxRetries > 0)
        {
            builder.AddRetry(new HttpRetryStrategyOptions
            {
                Name = "falcon-login",
                DelayGenerator = args => ValueTask.FromResult(LoginRetryAfter(args.Outcome.Result, time)),
                MaxRetryAttempts = options.MaxRetries,
                BackoffType = DelayBackoffType.Exponential,
                Delay = TimeSpan.FromMilliseconds(500),
                MaxDelay = TimeSpan.FromSeconds(30),
                UseJitter = true,
                ShouldRetryAfterHeader = false,
                ShouldHandle = args => ValueTask.FromResult(
                    IsTransientFailure(args.Outcome) || args.Outcome.Result?.StatusCode == HttpStatusCode.TooManyRequests),
                OnRetry = args => OnRetry(args, instrumentation, logger, "login"),
            });
        }

        builder.AddTimeout(options.RequestTimeout);
    }

    /// <summary>
    /// The token endpoint has its own limit (per IP) and is not gated by the API rate limiter, so a throttled login
    /// waits for its own <c>X-Ratelimit-Retryafter</c> (absolute Unix seconds); null falls back to the backoff.
    /// </summary>
    internal static TimeSpan? LoginRetryAfter(HttpResponseMessage? response, TimeProvider time)
    {
        if (response?.StatusCode != HttpStatusCode.TooManyRequests
            || !response.Headers.TryGetValues("X-Ratelimit-Retryafter", out var values)
            || !long.TryParse(values.FirstOrDefault(), System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var epoch))
        {
            return null;
        }

        var delay = DateTimeOffset.FromUnixTimeSeconds(epoch) - time.GetUtcNow();
        return delay < FalconRateLimiter.MinimumPause ? FalconRateLimiter.MinimumPause
            : delay > FalconRateLimiter.MaxBlock ? FalconRateLimiter.MaxBlock
            : delay;
    }

    /// <summary>5xx, 408, network errors and attempt timeouts; never a caller's cancellation.</summary>
    internal static bool IsTransientFailure(Outcome<HttpResponseMessage> outcome) =>
        outcome.Exception is HttpRequestException or TimeoutRejectedException
        || outcome.Result is { } response
            && ((int)response.StatusCode >= 500 || response.StatusCode == HttpStatusCode.RequestTimeout);

    private static ValueTask OnRetry(OnRetryArguments<HttpResponseMessage> args, FalconInstrumentation instrumentation, ILogger logger, string reason)
    {
        var endpoint = args.Context.GetRequestMessage() is { } request ? FalconEndpoint.NameOf(request) : "unknown";
        var outcome = args.Outcome.Result is { } response
            ? $"HTTP {(int)response.StatusCode}"
            : args.Outcome.Exception?.GetType().Name ?? "unknown";
        instrumentation.Retried(endpoint, reason);
        logger.Retrying(endpoint, args.AttemptNumber + 1, outcome, args.RetryDelay.TotalMilliseconds);
        return ValueTask.CompletedTask;
    }
}
