using System.Buffers;
using System.Text.Json;
using System.Text.Json.Nodes;
using OpenCtiSim.GraphQl.Resolvers;
using OpenCtiSim.Hosting;

namespace OpenCtiSim.GraphQl;

/// <summary>
/// <c>POST /graphql</c>: <c>{"query","variables","operationName"}</c> with a bearer token. Errors come as HTTP 200
/// with <c>errors[]</c> (authentication included); only a body that is not a GraphQL request is a 400.
/// </summary>
internal static class GraphQlEndpoints
{
    public static IServiceCollection AddSimGraphQl(this IServiceCollection services) =>
        services.AddSingleton(sp =>
        {
            var platform = sp.GetRequiredService<OpenCtiSimPlatform>();
            var roots = new Dictionary<string, RootField>(StringComparer.Ordinal)
            {
                ["about"] = AboutResolver.Field(platform),
                ["registerConnector"] = ConnectorResolvers.Register(platform),
                ["pingConnector"] = ConnectorResolvers.Ping(platform),
                ["connector"] = ConnectorResolvers.Get(platform),
                ["streamCollection"] = StreamCollectionResolver.Field(platform),
                ["indicators"] = new IndicatorsResolver(platform).Field(),
            };
            return new GraphQlExecutor(roots);
        });

    public static IEndpointRouteBuilder MapSimGraphQl(this IEndpointRouteBuilder app)
    {
        app.MapPost("/graphql", HandleAsync);
        return app;
    }

    private static async Task HandleAsync(HttpContext http)
    {
        var platform = http.RequestServices.GetRequiredService<OpenCtiSimPlatform>();
        var executor = http.RequestServices.GetRequiredService<GraphQlExecutor>();
        var logger = http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("OpenCtiSim.GraphQl");
        var cancellationToken = http.RequestAborted;

        if (platform.Faults.GraphQlLatency is { } latency && latency > TimeSpan.Zero)
        {
            await Task.Delay(latency, platform.Time, cancellationToken);
        }

        if (platform.Faults.TakeGraphQlFailure())
        {
            platform.CounterSink.FailureInjected();
            logger.FailureInjected(http.Request.Path);
            await WriteAsync(http, StatusCodes.Status500InternalServerError, ErrorBody("Internal server error", "INTERNAL_SERVER_ERROR"), cancellationToken);
            return;
        }

        JsonObject? request;
        try
        {
            request = await JsonSerializer.DeserializeAsync<JsonObject>(http.Request.Body, cancellationToken: cancellationToken);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            request = null;
        }

        if (request?["query"] is not JsonValue queryValue || queryValue.GetValueKind() != JsonValueKind.String)
        {
            await WriteAsync(http, StatusCodes.Status400BadRequest, ErrorBody("POST body must be JSON with a string \"query\".", "BAD_REQUEST"), cancellationToken);
            return;
        }

        var variables = request["variables"] switch
        {
            JsonObject o => o,
            _ => new JsonObject(),
        };
        var operationName = request["operationName"] is JsonValue name && name.GetValueKind() == JsonValueKind.String ? name.GetValue<string>() : null;
        var authenticated = SimAuth.IsAuthorized(http.Request, platform.Options);

        ReadOnlyMemory<byte> response;
        var operation = "invalid";
        var errorCount = 0;
        try
        {
            var document = GqlParser.Parse(queryValue.GetValue<string>());
            var selected = GraphQlExecutor.SelectOperation(document, operationName);
            var roots = GraphQlExecutor.RootFieldNames(selected, document);
            operation = string.Join(",", roots);
            foreach (var root in roots)
            {
                platform.CounterSink.GraphQlCall(root);
            }

            response = executor.Execute(document, selected, variables, authenticated);
        }
        catch (GraphQlException e)
        {
            response = Serialize(ErrorBody(e.Message, e.Code));
            errorCount = 1;
        }

        logger.GraphQlAnswered(operation, errorCount);
        http.Response.StatusCode = StatusCodes.Status200OK;
        http.Response.ContentType = "application/json; charset=utf-8";
        await http.Response.Body.WriteAsync(response, cancellationToken);
    }

    private static JsonObject ErrorBody(string message, string code) =>
        new() { ["errors"] = new JsonArray(GraphQlExecutor.Error(message, code)) };

    private static async Task WriteAsync(HttpContext http, int status, JsonObject body, CancellationToken cancellationToken)
    {
        http.Response.StatusCode = status;
        http.Response.ContentType = "application/json; charset=utf-8";
        await http.Response.Body.WriteAsync(Serialize(body), cancellationToken);
    }

    private static ReadOnlyMemory<byte> Serialize(JsonObject body)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer, Stix.SimJson.Writer))
        {
            body.WriteTo(writer);
        }

        return buffer.WrittenMemory;
    }
}
