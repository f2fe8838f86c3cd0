using System.Diagnostics;
using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Connector.OpenCti.Diagnostics;
using Microsoft.Extensions.Logging;

namespace Connector.OpenCti.GraphQl;

/// <summary>
/// OpenCTI's GraphQL API (<c>POST {url}/graphql</c>) as far as the connector needs it: health, connector
/// registration and state, the live stream's filters, and the indicator listing. A typed client: authentication
/// and retries (network errors, 5xx) come from its handler pipeline.
/// </summary>
public sealed class OpenCtiGraphQlClient(
    HttpClient httpClient,
    OpenCtiInstrumentation instrumentation,
    TimeProvider timeProvider,
    ILogger<OpenCtiGraphQlClient> logger)
{
    /// <summary>The listing's default page size.</summary>
    public const int DefaultPageSize = 500;

    /// <summary>The platform's largest page.</summary>
    public const int MaxPageSize = 5000;

    private static readonly MediaTypeHeaderValue Json = new("application/json") { CharSet = "utf-8" };
    private static readonly Uri Endpoint = new("graphql", UriKind.Relative);

    /// <summary>The platform version (<c>about { version }</c>): a cheap health check.</summary>
    public Task<string?> GetVersionAsync(CancellationToken cancellationToken = default) =>
        ExecuteAsync(
            "About",
            GraphQlQueries.About,
            writeVariables: null,
            data => Property(data, "about") is { ValueKind: JsonValueKind.Object } about ? StringProperty(about, "version") : null,
            cancellationToken);

    /// <summary>Registers the connector (type <c>STREAM</c>); returns the state OpenCTI keeps for it. Also counts as a ping.</summary>
    public Task<ConnectorRegistration> RegisterConnectorAsync(ConnectorIdentity identity, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(identity);
        return ExecuteAsync(
            "RegisterConnector",
            GraphQlQueries.RegisterConnector,
            writer =>
            {
                writer.WriteStartObject("input");
                writer.WriteString("id", identity.Id);
                writer.WriteString("name", identity.Name);
                writer.WriteString("type", "STREAM");
                writer.WriteStartArray("scope");
                foreach (var scope in identity.ScopeList)
                {
                    writer.WriteStringValue(scope);
                }

                writer.WriteEndArray();
                writer.WriteBoolean("auto", false);
                writer.WriteBoolean("only_contextual", false);
                writer.WriteBoolean("playbook_compatible", false);
                writer.WriteEndObject();
            },
            data => Property(data, "registerConnector") is { ValueKind: JsonValueKind.Object } registered
                ? new ConnectorRegistration(
                    StringProperty(registered, "id") ?? identity.Id,
                    StringProperty(registered, "connector_state"),
                    StringProperty(registered, "connector_user_id"))
                : throw new OpenCtiGraphQlException("RegisterConnector", ["registerConnector returned nothing"], null),
            cancellationToken);
    }

    /// <summary>
    /// Pings with the connector's state (a JSON string; <c>"null"</c> when <paramref name="state"/> is null) and returns
    /// the state OpenCTI now keeps: normally what was sent, <c>""</c> right after a reset from the UI.
    /// </summary>
    public Task<string?> PingConnectorAsync(string connectorId, string? state, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(connectorId);
        return ExecuteAsync(
            "PingConnector",
            GraphQlQueries.PingConnector,
            writer =>
            {
                writer.WriteString("id", connectorId);
                writer.WriteString("state", state ?? "null");

                // What pycti reports for a stream connector: not buffering, no queue, no schedule.
                writer.WriteStartObject("connectorInfo");
                writer.WriteBoolean("run_and_terminate", false);
                writer.WriteBoolean("buffering", false);
                writer.WriteNumber("queue_threshold", 500);
                writer.WriteNumber("queue_messages_size", 0);
                writer.WriteNull("next_run_datetime");
                writer.WriteNull("last_run_datetime");
                writer.WriteEndObject();
            },
            data => Property(data, "pingConnector") is { ValueKind: JsonValueKind.Object } pinged
                ? StringProperty(pinged, "connector_state")
                : throw new OpenCtiGraphQlException("PingConnector", ["pingConnector returned nothing (unknown connector id?)"], null),
            cancellationToken);
    }

    /// <summary>The live stream's definition, including its filters; null when no such stream is visible.</summary>
    public Task<LiveStreamDefinition?> GetStreamCollectionAsync(string streamId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(streamId);
        return ExecuteAsync(
            "StreamCollection",
            GraphQlQueries.StreamCollection,
            writer => writer.WriteString("id", streamId),
            data => Property(data, "streamCollection") is { ValueKind: JsonValueKind.Object } stream
                ? new LiveStreamDefinition(
                    StringProperty(stream, "id") ?? streamId,
                    StringProperty(stream, "name"),
                    Property(stream, "filters") switch
                    {
                        { ValueKind: JsonValueKind.String } text => text.GetString(),
                        { ValueKind: JsonValueKind.Object } obj => obj.GetRawText(),
                        _ => null,
                    },
                    Property(stream, "stream_live") is { ValueKind: JsonValueKind.True },
                    Property(stream, "stream_public") is { ValueKind: JsonValueKind.True })
                : null,
            cancellationToken);
    }

    /// <summary>One page of indicators matching <paramref name="filters"/> (a FilterGroup as JSON, passed unchanged), oldest first.</summary>
    public Task<IndicatorPage> GetIndicatorsPageAsync(string? filters, int first = DefaultPageSize, string? after = null, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(first, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(first, MaxPageSize);
        var filterGroup = ValidFilters(filters);
        return ExecuteAsync(
            "Indicators",
            GraphQlQueries.Indicators,
            writer =>
            {
                writer.WritePropertyName("filters");
                if (filterGroup is null)
                {
                    writer.WriteNullValue();
                }
                else
                {
                    writer.WriteRawValue(filterGroup, skipInputValidation: true);
                }

                writer.WriteNumber("first", first);
                if (after is null)
                {
                    writer.WriteNull("after");
                }
                else
                {
                    writer.WriteString("after", after);
                }
            },
            ReadIndicatorPage,
            cancellationToken);
    }

    /// <summary>
    /// Every indicator matching <paramref name="filters"/> (the stream's FilterGroup, unchanged), page after page
    /// while <c>hasNextPage</c>. Nodes are streamed: a page is held in memory, not the whole listing.
    /// </summary>
    public async IAsyncEnumerable<IndicatorSnapshot> ListIndicatorsAsync(
        string? filters,
        int pageSize = DefaultPageSize,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(pageSize, MaxPageSize);
        string? after = null;
        while (true)
        {
            var page = await GetIndicatorsPageAsync(filters, pageSize, after, cancellationToken);
            foreach (var indicator in page.Items)
            {
                yield return indicator;
            }

            if (!page.HasNextPage || page.EndCursor is null)
            {
                yield break;
            }

            if (string.Equals(page.EndCursor, after, StringComparison.Ordinal))
            {
                throw new OpenCtiGraphQlException("Indicators", ["the platform returned the same cursor twice; the listing would never end"], null);
            }

            after = page.EndCursor;
        }
    }

    private async Task<T> ExecuteAsync<T>(
        string operation,
        string query,
        Action<Utf8JsonWriter>? writeVariables,
        Func<JsonElement, T> readData,
        CancellationToken cancellationToken)
    {
        using var activity = OpenCtiInstrumentation.ActivitySource.StartActivity("opencti.graphql " + operation, ActivityKind.Client);
        activity?.SetTag("graphql.operation.name", operation);
        activity?.SetTag("graphql.operation.type", query.StartsWith("mutation", StringComparison.Ordinal) ? "mutation" : "query");
        var started = timeProvider.GetTimestamp();
        var outcome = "error";
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, Endpoint) { Content = Body(query, writeVariables) };
            using var response = await httpClient.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            JsonDocument document;
            try
            {
                var body = await response.Content.ReadAsStreamAsync(cancellationToken);
                await using (body)
                {
                    document = await JsonDocument.ParseAsync(body, cancellationToken: cancellationToken);
                }
            }
            catch (JsonException) when (!response.IsSuccessStatusCode)
            {
                response.EnsureSuccessStatusCode();
                throw;
            }

            using (document)
            {
                var root = document.RootElement;
                ThrowOnErrors(operation, root);
                response.EnsureSuccessStatusCode();
                if (Property(root, "data") is not { ValueKind: JsonValueKind.Object } data)
                {
                    throw new OpenCtiGraphQlException(operation, ["the answer has no data"], null);
                }

                var result = readData(data);
                outcome = "ok";
                return result;
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            activity?.SetStatus(ActivityStatusCode.Error, ex.GetType().Name);
            throw;
        }
        finally
        {
            instrumentation.GraphQlCall(operation, outcome, timeProvider.GetElapsedTime(started));
        }
    }

    private void ThrowOnErrors(string operation, JsonElement root)
    {
        if (Property(root, "errors") is not { ValueKind: JsonValueKind.Array } errors || errors.GetArrayLength() == 0)
        {
            return;
        }

        var messages = new List<string>(errors.GetArrayLength());
        string? code = null;
        foreach (var error in errors.EnumerateArray())
        {
            messages.Add(StringProperty(error, "message") ?? error.GetRawText());
            if (code is null && Property(error, "extensions") is { ValueKind: JsonValueKind.Object } extensions)
            {
                code = StringProperty(extensions, "code");
            }
        }

        var exception = new OpenCtiGraphQlException(operation, messages, code);
        OpenCtiLog.GraphQlErrors(logger, operation, exception.Message);
        throw exception;
    }

    private static ByteArrayContent Body(string query, Action<Utf8JsonWriter>? writeVariables)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(1024);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("query", query);
            writer.WriteStartObject("variables");
            writeVariables?.Invoke(writer);
            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        // A byte array can be sent again as is when the resilience handler retries.
        var content = new ByteArrayContent(buffer.WrittenSpan.ToArray());
        content.Headers.ContentType = Json;
        return content;
    }

    private static IndicatorPage ReadIndicatorPage(JsonElement data)
    {
        if (Property(data, "indicators") is not { ValueKind: JsonValueKind.Object } indicators)
        {
            return new IndicatorPage([], null, false, null);
        }

        var items = new List<IndicatorSnapshot>();
        if (Property(indicators, "edges") is { ValueKind: JsonValueKind.Array } edges)
        {
            items.Capacity = edges.GetArrayLength();
            foreach (var edge in edges.EnumerateArray())
            {
                if (Property(edge, "node") is { } node && GraphQlIndicatorReader.Read(node) is { } indicator)
                {
                    items.Add(indicator);
                }
            }
        }

        var pageInfo = Property(indicators, "pageInfo");
        return pageInfo is { ValueKind: JsonValueKind.Object } info
            ? new IndicatorPage(
                items,
                StringProperty(info, "endCursor"),
                Property(info, "hasNextPage") is { ValueKind: JsonValueKind.True },
                Property(info, "globalCount") is { } count ? JsonRead.Int64(count) : null)
            : new IndicatorPage(items, null, false, null);
    }

    private static string? ValidFilters(string? filters)
    {
        if (string.IsNullOrWhiteSpace(filters) || string.Equals(filters.Trim(), "null", StringComparison.Ordinal))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(filters);
            return document.RootElement.ValueKind == JsonValueKind.Object
                ? filters
                : throw new ArgumentException("The filters must be a FilterGroup JSON object, as streamCollection returns it.", nameof(filters));
        }
        catch (JsonException ex)
        {
            throw new ArgumentException("The filters are not valid JSON: " + ex.Message, nameof(filters), ex);
        }
    }

    private static JsonElement? Property(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) ? value : null;

    private static string? StringProperty(JsonElement element, string name) =>
        Property(element, name) is { ValueKind: JsonValueKind.String } value ? value.GetString() : null;
}
