using System.Net;
using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Connector.Contracts;
using Connector.Falcon.Configuration;
using Connector.Falcon.Http;
using Connector.Falcon.Json;
using Connector.Falcon.Telemetry;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly.Timeout;

namespace Connector.Falcon;

/// <summary>
/// The typed Falcon IOC client (<see cref="IFalconIocClient"/>). It builds requests and reads answers only: the
/// token, the region, the rate limit and retries come from the handlers that <c>AddFalconClient</c> puts in front
/// of its <see cref="HttpClient"/>.
/// </summary>
public sealed class FalconIocClient(HttpClient http, IOptions<FalconOptions> options, ILogger<FalconIocClient> logger) : IFalconIocClient
{
    /// <summary>The audit comment the Python connector wrote on its changes.</summary>
    public const string DefaultComment = "IOC imported from OpenCTI";

    /// <summary>Ids per get or delete request, so URLs stay short.</summary>
    public const int MaxIdsPerRequest = 100;

    /// <summary>Values per lookup query.</summary>
    public const int MaxValuesPerLookup = 100;

    /// <summary>Budget of the URL-encoded value list of one lookup, so the URL stays well under 8 KB.</summary>
    internal const int MaxEncodedValuesLength = 6000;

    private const string EntitiesPath = "iocs/entities/indicators/v1";
    private const string QueriesPath = "iocs/queries/indicators/v1";
    private const string CombinedPath = "iocs/combined/indicator/v1";

    private readonly FalconOptions _options = (options ?? throw new ArgumentNullException(nameof(options))).Value;

    /// <inheritdoc />
    public async Task<FalconBatchResult<FalconIocWrite>> CreateAsync(IReadOnlyList<FalconIocWrite> indicators, string? comment = DefaultComment, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(indicators);
        var results = new List<FalconItemResult<FalconIocWrite>>(indicators.Count);
        foreach (var chunk in indicators.Chunk(_options.BatchSize))
        {
            var body = new CreateIndicatorsRequest { Comment = comment, Indicators = [.. chunk.Select(i => i.ToWire())] };
            var uri = new QueryString(EntitiesPath)
                .Add("ignore_warnings", _options.IgnoreWarnings ? "true" : "false")
                .Add("retrodetects", _options.Retrodetects ? "true" : "false")
                .ToUri();
            using var request = JsonRequest(HttpMethod.Post, uri, body, FalconJsonContext.Default.CreateIndicatorsRequest);
            var (status, envelope) = await SendAsync(request, FalconEndpoint.Create, chunk.Length, FalconJsonContext.Default.FalconEnvelopeFalconIocDto, ItemErrorStatuses, cancellationToken);
            var outcomes = BatchOutcomes.ForCreate(chunk, status, FalconIocMapping.ToModels(envelope?.Resources), Errors(envelope));
            LogIfNotAllSucceeded(FalconEndpoint.Create, status, outcomes);
            results.AddRange(outcomes);
        }

        return new FalconBatchResult<FalconIocWrite>(results);
    }

    /// <inheritdoc />
    public async Task<FalconBatchResult<FalconIocUpdate>> UpdateAsync(IReadOnlyList<FalconIocUpdate> updates, string? comment = DefaultComment, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(updates);
        var results = new List<FalconItemResult<FalconIocUpdate>>(updates.Count);
        foreach (var chunk in updates.Chunk(_options.BatchSize))
        {
            var body = new UpdateIndicatorsRequest { Comment = comment, Indicators = [.. chunk.Select(u => u.ToWire())] };
            using var request = JsonRequest(HttpMethod.Patch, new Uri(EntitiesPath, UriKind.Relative), body, FalconJsonContext.Default.UpdateIndicatorsRequest);
            var (status, envelope) = await SendAsync(request, FalconEndpoint.Update, chunk.Length, FalconJsonContext.Default.FalconEnvelopeFalconIocDto, ItemErrorStatuses, cancellationToken);
            var outcomes = BatchOutcomes.ForUpdate(chunk, status, FalconIocMapping.ToModels(envelope?.Resources), Errors(envelope));
            LogIfNotAllSucceeded(FalconEndpoint.Update, status, outcomes);
            results.AddRange(outcomes);
        }

        return new FalconBatchResult<FalconIocUpdate>(results);
    }

    /// <inheritdoc />
    public async Task<FalconBatchResult<string>> DeleteAsync(IReadOnlyList<string> ids, string? comment = DefaultComment, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ids);
        var results = new List<FalconItemResult<string>>(ids.Count);
        foreach (var chunk in ids.Chunk(MaxIdsPerRequest))
        {
            var uri = new QueryString(EntitiesPath).AddAll("ids", chunk).Add("comment", comment).ToUri();
            using var request = new HttpRequestMessage(HttpMethod.Delete, uri);
            var (status, envelope) = await SendAsync(request, FalconEndpoint.Delete, chunk.Length, FalconJsonContext.Default.FalconEnvelopeString, ItemErrorStatuses, cancellationToken);
            var deleted = (envelope?.Resources ?? []).OfType<string>().ToList();
            var outcomes = BatchOutcomes.ForDelete(chunk, status, deleted, Errors(envelope));
            LogIfNotAllSucceeded(FalconEndpoint.Delete, status, outcomes);
            results.AddRange(outcomes);
        }

        return new FalconBatchResult<string>(results);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<FalconIoc>> GetAsync(IReadOnlyList<string> ids, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ids);
        var found = new List<FalconIoc>(ids.Count);
        foreach (var chunk in ids.Chunk(MaxIdsPerRequest))
        {
            var uri = new QueryString(EntitiesPath).AddAll("ids", chunk).ToUri();
            using var request = new HttpRequestMessage(HttpMethod.Get, uri);

            // Falcon answers 404 when some ids are unknown, with the known ones still in resources.
            var (_, envelope) = await SendAsync(request, FalconEndpoint.Get, chunk.Length, FalconJsonContext.Default.FalconEnvelopeFalconIocDto, NotFoundStatus, cancellationToken);
            found.AddRange(FalconIocMapping.ToModels(envelope?.Resources));
        }

        return found;
    }

    /// <inheritdoc />
    public IAsyncEnumerable<string> SearchIdsAsync(FqlFilter? filter, FalconSearchOptions? options = null, CancellationToken cancellationToken = default) =>
        PageAsync(QueriesPath, FalconEndpoint.SearchIds, filter, options, FalconJsonContext.Default.FalconEnvelopeString, static id => id, cancellationToken);

    /// <inheritdoc />
    public IAsyncEnumerable<FalconIoc> ListAsync(FqlFilter? filter, FalconSearchOptions? options = null, CancellationToken cancellationToken = default) =>
        PageAsync(CombinedPath, FalconEndpoint.Combined, filter, options, FalconJsonContext.Default.FalconEnvelopeFalconIocDto, FalconIocMapping.ToModel, cancellationToken);

    /// <inheritdoc />
    public async Task<long?> CountAsync(FqlFilter? filter, CancellationToken cancellationToken = default)
    {
        var uri = new QueryString(QueriesPath).Add("filter", filter?.ToString()).Add("limit", "1").ToUri();
        using var request = new HttpRequestMessage(HttpMethod.Get, uri);
        var (_, envelope) = await SendAsync(request, FalconEndpoint.SearchIds, 0, FalconJsonContext.Default.FalconEnvelopeString, [], cancellationToken);
        return envelope?.Meta?.Pagination?.Total;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<FalconIoc>> FindByValuesAsync(IocType type, IEnumerable<string> values, bool includeDeleted = false, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(values);
        var found = new List<FalconIoc>();
        foreach (var chunk in LookupChunks(values))
        {
            // Whether a filter silent about 'deleted' returns deleted IOCs is not documented, so both cases are spelt out.
            var filter = Fql.Eq("type", type.ToFalconType()) & Fql.In("value", chunk)
                & (includeDeleted ? Fql.Eq("deleted", true) | Fql.Eq("deleted", false) : Fql.Eq("deleted", false));

            await foreach (var ioc in ListAsync(filter, FalconSearchOptions.Default, cancellationToken))
            {
                found.Add(ioc);
            }
        }

        return found;
    }

    /// <summary>Distinct values cut into lists that keep each lookup's URL short: at most 100 values and ~6 KB encoded.</summary>
    internal static IEnumerable<List<string>> LookupChunks(IEnumerable<string> values)
    {
        var chunk = new List<string>();
        var length = 0;
        foreach (var value in values.Distinct(StringComparer.Ordinal))
        {
            var encoded = Uri.EscapeDataString(Fql.Quote(value)).Length + 3;
            if (chunk.Count > 0 && (chunk.Count >= MaxValuesPerLookup || length + encoded > MaxEncodedValuesLength))
            {
                yield return chunk;
                chunk = [];
                length = 0;
            }

            chunk.Add(value);
            length += encoded;
        }

        if (chunk.Count > 0)
        {
            yield return chunk;
        }
    }

    private async IAsyncEnumerable<TItem> PageAsync<TWire, TItem>(
        string path,
        string endpoint,
        FqlFilter? filter,
        FalconSearchOptions? options,
        JsonTypeInfo<FalconEnvelope<TWire>> typeInfo,
        Func<TWire, TItem?> map,
        [EnumeratorCancellation] CancellationToken cancellationToken)
        where TItem : class
    {
        options ??= FalconSearchOptions.Default;
        ArgumentOutOfRangeException.ThrowIfLessThan(options.PageSize, 1, nameof(options));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(options.PageSize, FalconOptions.MaxBatchSize, nameof(options));
        var limit = options.PageSize.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var filterText = filter?.ToString();
        string? after = null;
        while (true)
        {
            var uri = new QueryString(path)
                .Add("filter", filterText)
                .Add("limit", limit)
                .Add("sort", options.Sort)
                .Add("after", after)
                .ToUri();
            using var request = new HttpRequestMessage(HttpMethod.Get, uri);
            var (_, envelope) = await SendAsync(request, endpoint, 0, typeInfo, [], cancellationToken);
            var page = envelope?.Resources ?? [];
            foreach (var wire in page)
            {
                if (wire is not null && map(wire) is { } item)
                {
                    yield return item;
                }
            }

            // Falcon's end of results: an empty page, or no new 'after' token.
            var next = envelope?.Meta?.Pagination?.After;
            if (page.Count == 0 || string.IsNullOrEmpty(next) || string.Equals(next, after, StringComparison.Ordinal))
            {
                yield break;
            }

            after = next;
        }
    }

    private async Task<(int Status, FalconEnvelope<T>? Envelope)> SendAsync<T>(
        HttpRequestMessage request,
        string endpoint,
        int itemCount,
        JsonTypeInfo<FalconEnvelope<T>> typeInfo,
        HttpStatusCode[] answeredPerItem,
        CancellationToken cancellationToken)
    {
        FalconEndpoint.Tag(request, endpoint, itemCount);
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken);
        }
        catch (Exception ex) when (ex is HttpRequestException or TimeoutRejectedException
                                   || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            logger.CallFailed(endpoint, null, ex.Message);
            throw new FalconApiException($"Falcon {endpoint} could not be completed: {ex.Message}", statusCode: null, isTransient: true, innerException: ex);
        }

        using (response)
        {
            var envelope = await FalconEnvelopeReader.ReadAsync(response.Content, typeInfo, cancellationToken);
            if (response.IsSuccessStatusCode || answeredPerItem.Contains(response.StatusCode))
            {
                return ((int)response.StatusCode, envelope);
            }

            throw Failure(endpoint, response, FalconEnvelopeReader.ErrorsOf(envelope, response));
        }
    }

    private FalconApiException Failure(string endpoint, HttpResponseMessage response, List<FalconApiError> errors)
    {
        var status = response.StatusCode;
        var falconMessage = string.Join("; ", errors.Select(e => e.Message));
        logger.CallFailed(endpoint, status, falconMessage);
        var transient = (int)status >= 500 || status is HttpStatusCode.TooManyRequests or HttpStatusCode.RequestTimeout;
        var message = status switch
        {
            HttpStatusCode.Unauthorized =>
                $"Falcon rejected the access token of client id {_options.ClientId} on {endpoint} even after a fresh login (HTTP 401): {falconMessage}",
            HttpStatusCode.Forbidden =>
                $"Falcon denied {endpoint} to client id {_options.ClientId} (HTTP 403): give the API client the IOC Management read/write scope. Falcon said: {falconMessage}",
            _ => $"Falcon {endpoint} failed with HTTP {(int)status}: {falconMessage}",
        };
        return new FalconApiException(message, status, transient, errors);
    }

    private void LogIfNotAllSucceeded<T>(string endpoint, int status, FalconItemResult<T>[] outcomes)
    {
        if (outcomes.All(o => o.Status == FalconItemStatus.Succeeded))
        {
            return;
        }

        logger.BatchPartlyFailed(
            endpoint,
            status,
            outcomes.Length,
            outcomes.Count(o => o.Status == FalconItemStatus.Succeeded),
            outcomes.Count(o => o.Status == FalconItemStatus.Duplicate),
            outcomes.Count(o => o.Status is FalconItemStatus.Failed or FalconItemStatus.NotFound),
            outcomes.Count(o => o.Status == FalconItemStatus.Unknown));
    }

    private static List<FalconErrorDto> Errors<T>(FalconEnvelope<T>? envelope) => [.. (envelope?.Errors ?? []).OfType<FalconErrorDto>()];

    private static HttpRequestMessage JsonRequest<T>(HttpMethod method, Uri uri, T body, JsonTypeInfo<T> typeInfo)
    {
        var content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(body, typeInfo));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return new HttpRequestMessage(method, uri) { Content = content };
    }

    private static readonly HttpStatusCode[] ItemErrorStatuses =
        [HttpStatusCode.BadRequest, HttpStatusCode.NotFound, HttpStatusCode.Conflict, HttpStatusCode.UnprocessableEntity];

    private static readonly HttpStatusCode[] NotFoundStatus = [HttpStatusCode.NotFound];
}
