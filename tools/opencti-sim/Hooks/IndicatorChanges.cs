using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using OpenCtiSim.Stix;

namespace OpenCtiSim.Hooks;

/// <summary>Applies a JSON object of changed fields (snake_case; <c>null</c> clears) to an indicator.</summary>
internal static class IndicatorChanges
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Encoder = SimJson.Serializer.Encoder,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };

    public static SimIndicator Apply(SimIndicator indicator, JsonObject changes)
    {
        foreach (var (key, value) in changes)
        {
            indicator = key switch
            {
                "name" => indicator with { Name = Required<string>(key, value) },
                "description" => indicator with { Description = Optional<string>(value) },
                "pattern" => indicator with { Pattern = Required<string>(key, value) },
                "pattern_type" => indicator with { PatternType = Required<string>(key, value) },
                "main_observable_type" => indicator with { MainObservableType = Optional<string>(value) },
                "indicator_types" => indicator with { IndicatorTypes = Optional<string[]>(value) ?? [] },
                "score" => indicator with { Score = Optional<int?>(value) },
                "confidence" => indicator with { Confidence = Optional<int?>(value) },
                "labels" => indicator with { Labels = Optional<string[]>(value) ?? [] },
                "platforms" => indicator with { Platforms = Optional<string[]>(value) ?? [] },
                "created_by_ref" => indicator with { CreatedByRef = Optional<string>(value) },
                "marking_refs" => indicator with { MarkingRefs = Optional<string[]>(value) ?? [] },
                "revoked" => indicator with { Revoked = Required<bool>(key, value) },
                "detection" => indicator with { Detection = Required<bool>(key, value) },
                "valid_from" => indicator with { ValidFrom = SimTime.Truncate(Required<DateTimeOffset>(key, value)) },
                "valid_until" => indicator with { ValidUntil = Optional<DateTimeOffset?>(value) is { } until ? SimTime.Truncate(until) : null },
                _ => throw new ArgumentException($"'{key}' is not a field the simulator lets you change"),
            };
        }

        return indicator;
    }

    private static T Required<T>(string key, JsonNode? value) =>
        value is null ? throw new ArgumentException($"'{key}' cannot be null") : value.Deserialize<T>(Json)!;

    private static T? Optional<T>(JsonNode? value) => value is null ? default : value.Deserialize<T>(Json);
}
