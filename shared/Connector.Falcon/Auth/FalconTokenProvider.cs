using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Connector.Falcon.Configuration;
using Connector.Falcon.Http;
using Connector.Falcon.Json;
using Connector.Falcon.Telemetry;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Connector.Falcon.Auth;

/// <summary>
/// Obtains, caches and revokes the OAuth2 access token of the Falcon API client. One per process: concurrent
/// callers share one token and wait on a single login. A login redirected (308) to another CrowdStrike region is
/// followed by hand — the form carries the secret — and that region serves every later call.
/// </summary>
public sealed class FalconTokenProvider : IDisposable
{
    /// <summary>Name of the <see cref="IHttpClientFactory"/> client used for <c>/oauth2/*</c> (redirects not followed automatically).</summary>
    public const string HttpClientName = "Connector.Falcon.OAuth2";

    private const int MaxRedirects = 3;
    private static readonly TimeSpan DefaultLifetime = TimeSpan.FromSeconds(1799);

    private readonly IHttpClientFactory _httpClientFactory;
    private readonly FalconOptions _options;
    private readonly TimeProvider _time;
    private readonly FalconInstrumentation _instrumentation;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _login = new(1, 1);
    private volatile FalconAccessToken? _token;
    private Uri _apiBase;

    /// <summary>Creates the provider.</summary>
    public FalconTokenProvider(
        IHttpClientFactory httpClientFactory,
        IOptions<FalconOptions> options,
        TimeProvider time,
        FalconInstrumentation instrumentation,
        ILogger<FalconTokenProvider> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _httpClientFactory = httpClientFactory ?? throw new ArgumentNullException(nameof(httpClientFactory));
        _options = options.Value;
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _instrumentation = instrumentation ?? throw new ArgumentNullException(nameof(instrumentation));
        _logger = logger ?? throw new ArgumentNullException(nameof(logger));
        _apiBase = _options.ApiBaseUri;
    }

    /// <summary>The API base URL in use: the configured one, or the region a login was redirected to.</summary>
    public Uri ApiBaseAddress => Volatile.Read(ref _apiBase);

    /// <summary>A token that is not yet due for refresh, logging in when there is none.</summary>
    /// <exception cref="FalconAuthenticationException">Falcon refused the credentials or could not be reached.</exception>
    public async ValueTask<FalconAccessToken> GetTokenAsync(CancellationToken cancellationToken)
    {
        var token = _token;
        return token is not null && !token.IsDueForRefresh(_time.GetUtcNow())
            ? token
            : await RefreshAsync(token, cancellationToken);
    }

    /// <summary>
    /// Replaces <paramref name="stale"/> (a token Falcon rejected, or null) by a new one. When another caller has
    /// already replaced it, that caller's token is returned without a second login.
    /// </summary>
    public async ValueTask<FalconAccessToken> RefreshAsync(FalconAccessToken? stale, CancellationToken cancellationToken)
    {
        await _login.WaitAsync(cancellationToken);
        try
        {
            var current = _token;
            if (current is not null && !ReferenceEquals(current, stale) && !current.IsDueForRefresh(_time.GetUtcNow()))
            {
                return current;
            }

            var fresh = await LoginAsync(cancellationToken);
            _token = fresh;
            return fresh;
        }
        finally
        {
            _login.Release();
        }
    }

    /// <summary>Revokes the current token (on shutdown), so it cannot be used after the process ends. Failures are logged only.</summary>
    public async Task RevokeAsync(CancellationToken cancellationToken)
    {
        await _login.WaitAsync(cancellationToken);
        try
        {
            var token = _token;
            _token = null;
            if (token is null)
            {
                return;
            }

            using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(token.ApiBaseAddress, "oauth2/revoke"))
            {
                Content = new FormUrlEncodedContent([new("token", token.Value)]),
            };
            request.Headers.Authorization = new AuthenticationHeaderValue(
                "Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{_options.ClientId}:{_options.ClientSecret}")));
            FalconEndpoint.Tag(request, FalconEndpoint.Revoke, 0);
            using var response = await CreateClient().SendAsync(request, cancellationToken);
            if (response.IsSuccessStatusCode)
            {
                _logger.TokenRevoked(_options.ClientId);
            }
            else
            {
                _logger.TokenRevokeFailed(_options.ClientId, $"HTTP {(int)response.StatusCode}");
            }
        }
        catch (Exception ex) when (ex is HttpRequestException or Polly.Timeout.TimeoutRejectedException)
        {
            _logger.TokenRevokeFailed(_options.ClientId, Redact(ex.Message));
        }
        finally
        {
            _login.Release();
        }
    }

    /// <inheritdoc />
    public void Dispose() => _login.Dispose();

    private async Task<FalconAccessToken> LoginAsync(CancellationToken cancellationToken)
    {
        var client = CreateClient();
        var endpoint = new Uri(ApiBaseAddress, "oauth2/token");
        for (var redirects = 0; ; redirects++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, endpoint) { Content = LoginForm() };
            FalconEndpoint.Tag(request, FalconEndpoint.Token, 0);
            using var response = await SendLoginAsync(client, request, endpoint, cancellationToken);

            if (IsRedirect(response.StatusCode))
            {
                endpoint = FollowRedirect(endpoint, response, redirects);
                continue;
            }

            if (response.IsSuccessStatusCode)
            {
                return await ReadTokenAsync(response, endpoint, cancellationToken);
            }

            throw await LoginFailureAsync(response, cancellationToken);
        }
    }

    private async Task<HttpResponseMessage> SendLoginAsync(HttpClient client, HttpRequestMessage request, Uri endpoint, CancellationToken cancellationToken)
    {
        try
        {
            return await client.SendAsync(request, cancellationToken);
        }
        catch (Exception ex) when (ex is HttpRequestException or Polly.Timeout.TimeoutRejectedException)
        {
            throw new FalconAuthenticationException(
                $"Could not reach Falcon at {endpoint.GetLeftPart(UriPartial.Authority)} to log in client id {_options.ClientId}: {Redact(ex.Message)}",
                statusCode: null,
                isTransient: true,
                innerException: null);
        }
    }

    private Uri FollowRedirect(Uri from, HttpResponseMessage response, int redirects)
    {
        var location = response.Headers.Location
            ?? throw new FalconAuthenticationException(
                $"Falcon answered the login of client id {_options.ClientId} with HTTP {(int)response.StatusCode} but no Location.",
                response.StatusCode,
                isTransient: false);
        var target = location.IsAbsoluteUri ? location : new Uri(from, location);
        if (!FalconUris.MayRedirectCredentials(from, target))
        {
            throw new FalconAuthenticationException(
                $"The Falcon login at {from.Host} redirected to {target.Host}, which is not a CrowdStrike cloud; the credentials were not sent there. "
                + "Set CROWDSTRIKE_API_BASE_URL (crowdstrike.api_base_url) to your cloud's API URL.",
                response.StatusCode,
                isTransient: false);
        }

        if (redirects >= MaxRedirects)
        {
            throw new FalconAuthenticationException(
                $"The Falcon login of client id {_options.ClientId} was redirected more than {MaxRedirects} times; "
                + "set CROWDSTRIKE_API_BASE_URL (crowdstrike.api_base_url) to your cloud's API URL.",
                response.StatusCode,
                isTransient: false);
        }

        var apiBase = FalconUris.BaseOfTokenEndpoint(target);
        _logger.RegionRedirect(_options.ClientId, from.GetLeftPart(UriPartial.Authority), target.GetLeftPart(UriPartial.Authority), apiBase);
        Volatile.Write(ref _apiBase, apiBase);
        return target;
    }

    private async Task<FalconAccessToken> ReadTokenAsync(HttpResponseMessage response, Uri endpoint, CancellationToken cancellationToken)
    {
        var body = await FalconEnvelopeReader.ReadAsync(response.Content, FalconJsonContext.Default.FalconTokenDto, cancellationToken);
        if (body?.AccessToken is not { Length: > 0 } accessToken)
        {
            throw new FalconAuthenticationException(
                $"Falcon answered the login of client id {_options.ClientId} with HTTP {(int)response.StatusCode} but no access token.",
                response.StatusCode,
                isTransient: true);
        }

        var lifetime = body.ExpiresIn is > 0 and < 86_400 ? TimeSpan.FromSeconds(body.ExpiresIn.Value) : DefaultLifetime;
        var region = response.Headers.TryGetValues("X-Cs-Region", out var regions) ? regions.FirstOrDefault() : null;
        var token = new FalconAccessToken(accessToken, _time.GetUtcNow(), lifetime, FalconUris.BaseOfTokenEndpoint(endpoint), region);
        _instrumentation.TokenIssued();
        _logger.TokenObtained(_options.ClientId, region, lifetime.TotalSeconds);
        return token;
    }

    private async Task<FalconAuthenticationException> LoginFailureAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var status = (int)response.StatusCode;
        var envelope = await FalconEnvelopeReader.ReadAsync(response.Content, FalconJsonContext.Default.FalconEnvelopeJsonElement, cancellationToken);
        var errors = FalconEnvelopeReader.ErrorsOf(envelope, response);
        var falconMessage = Redact(string.Join("; ", errors.Select(e => e.Message)));
        var redactedErrors = errors.Select(e => e with { Message = Redact(e.Message) }).ToList();

        if (response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
        {
            _logger.CredentialsRefused(_options.ClientId, status, falconMessage);
            return new FalconAuthenticationException(
                $"Falcon refused the API client credentials for client id {_options.ClientId}: {falconMessage} "
                + "(check CROWDSTRIKE_CLIENT_ID / CROWDSTRIKE_CLIENT_SECRET, and CROWDSTRIKE_API_BASE_URL for the client's cloud)",
                response.StatusCode,
                isTransient: false,
                redactedErrors);
        }

        var transient = status >= 500 || response.StatusCode is HttpStatusCode.TooManyRequests or HttpStatusCode.RequestTimeout;
        return new FalconAuthenticationException(
            $"The Falcon login of client id {_options.ClientId} failed with HTTP {status}: {falconMessage}",
            response.StatusCode,
            transient,
            redactedErrors);
    }

    private FormUrlEncodedContent LoginForm()
    {
        List<KeyValuePair<string, string>> fields =
        [
            new("client_id", _options.ClientId),
            new("client_secret", _options.ClientSecret),
        ];
        if (!string.IsNullOrWhiteSpace(_options.MemberCid))
        {
            fields.Add(new("member_cid", _options.MemberCid));
        }

        return new FormUrlEncodedContent(fields);
    }

    private HttpClient CreateClient() => _httpClientFactory.CreateClient(HttpClientName);

    /// <summary>Whatever Falcon or the network says, the secret never leaves in a message.</summary>
    private string Redact(string text) =>
        string.IsNullOrEmpty(_options.ClientSecret) ? text : text.Replace(_options.ClientSecret, "***", StringComparison.Ordinal);

    private static bool IsRedirect(HttpStatusCode status) =>
        status is HttpStatusCode.PermanentRedirect or HttpStatusCode.TemporaryRedirect
            or HttpStatusCode.MovedPermanently or HttpStatusCode.Found or HttpStatusCode.SeeOther;
}
