using System.Buffers;
using System.Text.Json;
using System.Text.Json.Nodes;
using OpenCtiSim.Stix;

namespace OpenCtiSim.Hooks;

/// <summary>
/// Test hooks under <c>/_sim/</c> (no authentication): the platform methods over HTTP, for tests and users that
/// run the simulator as a separate process. Bodies and answers are JSON with snake_case names.
/// </summary>
internal static class SimHookEndpoints
{
    public static IEndpointRouteBuilder MapSimHooks(this IEndpointRouteBuilder app)
    {
        var sim = app.MapGroup("/_sim");
        sim.MapGet("/state", (OpenCtiSimPlatform p) => Results.Json(State(p), IndicatorChanges.Json));
        sim.MapGet("/counters", (OpenCtiSimPlatform p) => Results.Json(p.Counters, IndicatorChanges.Json));

        sim.MapGet("/indicators/{id}", (OpenCtiSimPlatform p, string id) =>
            p.GetIndicator(id) is { } i ? Stix(p, i) : Results.NotFound());
        sim.MapPost("/indicators", (OpenCtiSimPlatform p, IndicatorDraft draft) => Run(() => Stix(p, p.AddIndicator(draft))));
        sim.MapPost("/indicators/generate", (OpenCtiSimPlatform p, int count) => Run(() =>
        {
            var created = p.GenerateIndicators(count);
            return Results.Json(new { created = created.Count, ids = created.Select(i => i.Id) }, IndicatorChanges.Json);
        }));
        sim.MapMethods("/indicators/{id}", ["PATCH"], (OpenCtiSimPlatform p, string id, JsonObject changes) =>
            Run(() => Stix(p, p.UpdateIndicator(id, i => IndicatorChanges.Apply(i, changes)))));
        sim.MapPost("/indicators/{id}/revoke", (OpenCtiSimPlatform p, string id) => Run(() => Stix(p, p.RevokeIndicator(id))));
        sim.MapDelete("/indicators/{id}", (OpenCtiSimPlatform p, string id) => Run(() => Stix(p, p.DeleteIndicator(id))));
        sim.MapPost("/indicators/{id}/merge", (OpenCtiSimPlatform p, string id, MergeRequest body) =>
            Run(() => Stix(p, p.MergeIndicators(id, body.Sources))));

        sim.MapPost("/history/trim", (OpenCtiSimPlatform p, TrimRequest body) => Run(() =>
        {
            var removed = body switch
            {
                { Before: { } before } => p.TrimHistory(before),
                { KeepFrom: { } keepFrom } => p.TrimHistory(StreamEventId.Parse(keepFrom)),
                { Keep: { } keep } => p.TrimHistoryToCount(keep),
                _ => throw new ArgumentException("give before (ISO date), keep_from (stream id) or keep (count)"),
            };
            return Results.Json(new { removed, first_event_id = p.FirstEventId.ToString() }, IndicatorChanges.Json);
        }));
        sim.MapPost("/connections/drop", (OpenCtiSimPlatform p) => Results.Json(new { dropped = p.DropConnections() }, IndicatorChanges.Json));
        sim.MapPost("/connectors/{id}/reset", (OpenCtiSimPlatform p, string id) =>
            Run(() => Results.Json(p.ResetConnectorState(id), IndicatorChanges.Json)));

        sim.MapPost("/streams", (OpenCtiSimPlatform p, StreamRequestBody body) =>
            Run(() => Results.Json(p.CreateLiveStream(body.Id, body.Name ?? body.Id, body.Filters ?? OpenCtiSimOptions.IndicatorOnlyFilters), IndicatorChanges.Json)));
        sim.MapPut("/streams/{id}/status", (OpenCtiSimPlatform p, string id, StatusRequest body) => Run(() =>
        {
            var status = Enum.Parse<LiveStreamStatus>(body.Status, ignoreCase: true);
            return Results.Json(p.SetStreamStatus(id, status), IndicatorChanges.Json);
        }));
        sim.MapPut("/streams/{id}/filters", async (OpenCtiSimPlatform p, string id, HttpRequest request) =>
        {
            using var reader = new StreamReader(request.Body);
            var filters = await reader.ReadToEndAsync(request.HttpContext.RequestAborted);
            return Run(() => Results.Json(p.SetStreamFilters(id, filters), IndicatorChanges.Json));
        });

        sim.MapPost("/faults", (OpenCtiSimPlatform p, FaultRequest body) =>
        {
            if (body.Clear == true)
            {
                p.Faults.Clear();
            }

            if (body.FailStream is { } failStream)
            {
                p.Faults.FailNextStreamRequests(failStream);
            }

            if (body.FailGraphql is { } failGraphQl)
            {
                p.Faults.FailNextGraphQlRequests(failGraphQl);
            }

            if (body.DropAfterFrames is { } dropAfter)
            {
                p.Faults.DropConnectionsAfterFrames = dropAfter;
            }

            if (body.RejectTokens is { } reject)
            {
                p.Faults.RejectTokens = reject;
            }

            if (body.GraphqlLatencyMs is { } latency)
            {
                p.Faults.GraphQlLatency = TimeSpan.FromMilliseconds(latency);
            }

            return Results.NoContent();
        });
        return app;
    }

    private static IResult Run(Func<IResult> action)
    {
        try
        {
            return action();
        }
        catch (KeyNotFoundException e)
        {
            return Results.Json(new { error = e.Message }, IndicatorChanges.Json, statusCode: StatusCodes.Status404NotFound);
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or FormatException or JsonException)
        {
            return Results.Json(new { error = e.Message }, IndicatorChanges.Json, statusCode: StatusCodes.Status400BadRequest);
        }
    }

    // The indicator exactly as a stream frame would carry it.
    private static IResult Stix(OpenCtiSimPlatform platform, SimIndicator indicator)
    {
        var buffer = new ArrayBufferWriter<byte>(2048);
        using (var writer = new Utf8JsonWriter(buffer, SimJson.Writer))
        {
            StixWriter.WriteIndicator(writer, indicator, platform.Options.IncludeObservableValues);
        }

        return Results.Bytes(buffer.WrittenSpan.ToArray(), "application/json");
    }

    private static object State(OpenCtiSimPlatform p) => new
    {
        indicators = p.IndicatorCount,
        first_event_id = p.FirstEventId.ToString(),
        last_event_id = p.LastEventId.ToString(),
        events = p.EventCount,
        active_connections = p.ActiveConnections,
        streams = p.LiveStreams,
        connectors = p.Connectors,
    };
}

internal sealed record MergeRequest(IReadOnlyList<string> Sources);

internal sealed record TrimRequest(DateTimeOffset? Before, string? KeepFrom, int? Keep);

internal sealed record StreamRequestBody(string Id, string? Name, string? Filters);

internal sealed record StatusRequest(string Status);

internal sealed record FaultRequest(bool? Clear, int? FailStream, int? FailGraphql, int? DropAfterFrames, int? GraphqlLatencyMs, bool? RejectTokens);
