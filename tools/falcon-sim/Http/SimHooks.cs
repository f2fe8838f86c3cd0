using System.Text.Json;
using FalconSim.Auth;

namespace FalconSim.Http;

/// <summary>
/// Test hooks under <c>/_sim/</c>, outside the API paths: no auth, no limits, not counted. The same operations
/// exist as C# methods on <see cref="FalconSimHost"/>, <see cref="FalconSimStore"/> and <see cref="FalconSimCounters"/>.
/// </summary>
internal static class SimHooks
{
    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var hooks = endpoints.MapGroup("/_sim");

        hooks.MapGet("/state", (FalconSimStore store) =>
        {
            var indicators = store.Snapshot();
            return Results.Json(
                new StateWire(indicators.Count, indicators.Count(i => !i.Deleted), [.. indicators.Select(IndicatorWire.From)]),
                WireJson.Options);
        });

        hooks.MapPost("/reset", (FalconSimHost.Parts parts) =>
        {
            parts.Reset();
            return Results.Json(new { reset = true }, WireJson.Options);
        });

        hooks.MapGet("/counters", (FalconSimCounters counters) => Results.Json(counters.Snapshot(), WireJson.Options));

        hooks.MapGet("/faults", (FalconSimOptions options) => Results.Json(FaultSettings.From(options), WireJson.Options));

        hooks.MapPost("/faults", async (HttpRequest request, FalconSimOptions options, CancellationToken cancellationToken) =>
        {
            try
            {
                var settings = await JsonSerializer.DeserializeAsync<FaultSettings>(request.Body, WireJson.Options, cancellationToken)
                    ?? new FaultSettings();
                settings.ApplyTo(options);
                return Results.Json(FaultSettings.From(options), WireJson.Options);
            }
            catch (Exception ex) when (ex is JsonException or ArgumentException)
            {
                return Results.Json(new { error = ex.Message }, WireJson.Options, statusCode: 400);
            }
        });

        hooks.MapPost("/iocs", async (HttpRequest request, FalconSimStore store, CancellationToken cancellationToken) =>
        {
            try
            {
                using var document = await JsonDocument.ParseAsync(request.Body, default, cancellationToken);
                var list = document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("indicators", out var inner)
                    ? inner
                    : document.RootElement;
                var seeds = list.Deserialize<List<SimIndicatorSeed>>(WireJson.Options) ?? [];
                var seeded = store.Seed(seeds);
                return Results.Json(new { resources = seeded.Select(IndicatorWire.From) }, WireJson.Options, statusCode: 201);
            }
            catch (Exception ex) when (ex is JsonException or ArgumentException)
            {
                return Results.Json(new { error = ex.Message }, WireJson.Options, statusCode: 400);
            }
        });

        hooks.MapPost("/tokens/expire", (TokenRegistry tokens) => Results.Json(new { expired = tokens.ExpireAll() }, WireJson.Options));
    }

    private sealed record StateWire(int Count, int ActiveCount, IReadOnlyList<IndicatorWire> Indicators);
}
