using System.Globalization;
using System.Text.Json;
using FalconSim.Auth;
using FalconSim.Limits;

namespace FalconSim.Http;

/// <summary>
/// Every Falcon request goes through here: routing, latency, URL length, authentication, rate limits, injected
/// faults, then the endpoint; and every answer leaves through one writer that adds <c>X-Cs-Region</c>,
/// <c>X-Cs-Traceid</c>, <c>X-Ratelimit-Limit</c>, <c>X-Ratelimit-Remaining</c> and the envelope, and counts it.
/// </summary>
internal sealed class FalconDispatcher(
    FalconSimOptions options,
    TokenRegistry tokens,
    RateLimits limits,
    FalconSimCounters counters,
    SimRandom random,
    IocHandlers iocs,
    OAuthHandlers oauth,
    ILogger<FalconDispatcher> logger)
{
    public const string TokenPath = "/oauth2/token";
    public const string RevokePath = "/oauth2/revoke";
    public const string QueryPath = "/iocs/queries/indicators/v1";
    public const string CombinedPath = "/iocs/combined/indicator/v1";
    public const string EntitiesPath = "/iocs/entities/indicators/v1";
    public const string UnknownEndpoint = "(unknown)";

    private const string InvalidToken = "access denied, invalid bearer token";
    private static readonly int[] InjectedStatuses = [500, 502, 503];

    private static readonly Dictionary<string, string[]> Methods = new(StringComparer.Ordinal)
    {
        [TokenPath] = ["POST"],
        [RevokePath] = ["POST"],
        [QueryPath] = ["GET"],
        [CombinedPath] = ["GET"],
        [EntitiesPath] = ["GET", "POST", "PATCH", "DELETE"],
    };

    private readonly TimeProvider time = options.TimeProvider;

    public async Task HandleAsync(HttpContext context)
    {
        var started = time.GetTimestamp();
        var traceId = Guid.NewGuid().ToString();
        var request = context.Request;
        var cancellationToken = context.RequestAborted;
        context.Response.Headers["X-Cs-Region"] = options.Region;
        context.Response.Headers["X-Cs-Traceid"] = traceId;

        var path = request.Path.Value ?? "";
        var known = Methods.TryGetValue(path, out var methods);
        var endpoint = known ? path : UnknownEndpoint;
        var exchange = new Exchange(context, endpoint, traceId, started);

        if (options.LatencyPerRequest > TimeSpan.Zero)
        {
            // Wall-clock delay on purpose: a test's fake clock must not stall the simulated network.
            await Task.Delay(options.LatencyPerRequest, cancellationToken);
        }

        ApiResult result;
        try
        {
            result = path.Length + request.QueryString.Value?.Length > options.MaxUrlLength
                ? ApiResult.Error(414, string.Create(CultureInfo.InvariantCulture, $"Request-URI too long: at most {options.MaxUrlLength} characters."), ApiResult.Gateway)
                : !known ? ApiResult.Error(404, "Not Found", ApiResult.Gateway)
                : !methods!.Contains(request.Method, StringComparer.OrdinalIgnoreCase) ? ApiResult.Error(405, "Method Not Allowed", ApiResult.Gateway)
                : path is TokenPath or RevokePath ? await OAuthAsync(exchange, path, cancellationToken)
                : await ApiAsync(exchange, path, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            logger.RequestFailed(ex, request.Method, path);
            result = ApiResult.Error(500, "Internal Server Error");
        }

        if (exchange.RateLimit is null)
        {
            var (count, _) = limits.Api.Peek();
            exchange.RateLimit = (options.RateLimitPerMinute, Math.Max(0, options.RateLimitPerMinute - count));
        }

        await WriteAsync(exchange, result, cancellationToken);
    }

    private async Task<ApiResult> OAuthAsync(Exchange exchange, string path, CancellationToken cancellationToken)
    {
        var decision = limits.Token.TryAdmit(options.TokenRateLimitPerMinute);
        exchange.RateLimit = (options.TokenRateLimitPerMinute, decision.Remaining);
        if (!decision.Admitted)
        {
            return TooManyRequests(decision.RetryAt, "API rate limit exceeded.");
        }

        return path == TokenPath
            ? await oauth.TokenAsync(exchange.Context.Request, cancellationToken)
            : await oauth.RevokeAsync(exchange.Context.Request, cancellationToken);
    }

    private async Task<ApiResult> ApiAsync(Exchange exchange, string path, CancellationToken cancellationToken)
    {
        var request = exchange.Context.Request;
        var ip = exchange.Context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        if (options.BadTokenLimitPerMinute > 0)
        {
            var (badCount, oldestLeavesAt) = limits.BadTokens(ip).Peek();
            if (badCount >= options.BadTokenLimitPerMinute)
            {
                return TooManyRequests(oldestLeavesAt, "Too many requests with an invalid bearer token from this address.");
            }
        }

        var clientId = tokens.Authenticate(BearerToken(request));
        if (clientId is null)
        {
            counters.BadToken();
            if (options.BadTokenLimitPerMinute > 0)
            {
                limits.BadTokens(ip).Record();
            }

            return ApiResult.Error(401, InvalidToken, ApiResult.Gateway);
        }

        if (options.TryConsumeRateLimitBurst())
        {
            counters.BurstRateLimit();
            exchange.RateLimit = (options.RateLimitPerMinute, 0);
            return TooManyRequests(time.GetUtcNow().AddSeconds(1), "API rate limit exceeded.");
        }

        var decision = limits.Api.TryAdmit(options.RateLimitPerMinute);
        exchange.RateLimit = (options.RateLimitPerMinute, decision.Remaining);
        if (!decision.Admitted)
        {
            return TooManyRequests(decision.RetryAt, "API rate limit exceeded.");
        }

        var rate = options.ServerErrorRate;
        if (rate > 0 && random.NextDouble() < rate)
        {
            if (options.ServerErrorAfterCommit && request.Method != "GET")
            {
                await EndpointAsync(request, path, clientId, cancellationToken);
            }

            counters.ServerErrorInjected();
            var status = InjectedStatuses[random.Next(InjectedStatuses.Length)];
            return ApiResult.Error(status, status switch
            {
                500 => "Internal Server Error",
                502 => "Bad Gateway",
                _ => "Service Unavailable",
            }, ApiResult.Gateway);
        }

        return await EndpointAsync(request, path, clientId, cancellationToken);
    }

    private async Task<ApiResult> EndpointAsync(HttpRequest request, string path, string clientId, CancellationToken cancellationToken) =>
        (path, request.Method.ToUpperInvariant()) switch
        {
            (QueryPath, _) => iocs.Search(request, combined: false),
            (CombinedPath, _) => iocs.Search(request, combined: true),
            (_, "GET") => iocs.Get(request),
            (_, "POST") => await iocs.CreateAsync(request, clientId, cancellationToken),
            (_, "PATCH") => await iocs.UpdateAsync(request, clientId, cancellationToken),
            _ => iocs.Delete(request, clientId),
        };

    private static ApiResult TooManyRequests(DateTimeOffset retryAt, string message)
    {
        // Falcon sends the moment to retry as Unix epoch seconds, not a delay; round up so it is never early.
        var epoch = (retryAt.ToUnixTimeMilliseconds() + 999) / 1000;
        return ApiResult.Error(429, message, ApiResult.Gateway) with
        {
            Headers = new Dictionary<string, string> { ["X-Ratelimit-Retryafter"] = epoch.ToString(CultureInfo.InvariantCulture) },
        };
    }

    private static string? BearerToken(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        const string Scheme = "Bearer ";
        return header.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase) ? header[Scheme.Length..].Trim() : null;
    }

    private async Task WriteAsync(Exchange exchange, ApiResult result, CancellationToken cancellationToken)
    {
        var response = exchange.Context.Response;
        var (limit, remaining) = exchange.RateLimit!.Value;
        if (result.Status == 429)
        {
            remaining = 0;
        }

        response.StatusCode = result.Status;
        response.Headers["X-Ratelimit-Limit"] = limit.ToString(CultureInfo.InvariantCulture);
        response.Headers["X-Ratelimit-Remaining"] = remaining.ToString(CultureInfo.InvariantCulture);
        foreach (var (name, value) in result.Headers)
        {
            response.Headers[name] = value;
        }

        response.ContentType = "application/json";
        counters.Request(exchange.Endpoint, exchange.Context.Request.Method, result.Status);
        var body = result.RawBody ?? new EnvelopeWire(
            new MetaWire(time.GetElapsedTime(exchange.Started).TotalSeconds, result.Pagination, result.PoweredBy, exchange.TraceId),
            result.Resources,
            result.Errors);
        await JsonSerializer.SerializeAsync(response.Body, body, body.GetType(), WireJson.Options, cancellationToken);
    }

    private sealed class Exchange(HttpContext context, string endpoint, string traceId, long started)
    {
        public HttpContext Context { get; } = context;

        public string Endpoint { get; } = endpoint;

        public string TraceId { get; } = traceId;

        public long Started { get; } = started;

        public (int Limit, int Remaining)? RateLimit { get; set; }
    }
}
