using System.Text.Json;
using FalconSim.Validation;

namespace FalconSim.Http;

/// <summary>
/// Reads a create or update body, <c>{"comment":"...","indicators":[...]}</c>. A field of the wrong JSON type
/// fails the whole request, as a typed decoder does; unknown fields are ignored.
/// </summary>
internal static class IndicatorBody
{
    public static async Task<(IReadOnlyList<IndicatorInput>? Items, string? Error)> ReadAsync(HttpRequest request, bool forUpdate, CancellationToken cancellationToken)
    {
        JsonDocument document;
        try
        {
            document = await JsonDocument.ParseAsync(request.Body, default, cancellationToken);
        }
        catch (JsonException ex)
        {
            return (null, $"Invalid JSON body: {ex.Message}");
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return (null, "Invalid request body: expected a JSON object with an 'indicators' array.");
            }

            if (root.TryGetProperty("comment", out var comment) && comment.ValueKind is not (JsonValueKind.String or JsonValueKind.Null))
            {
                return (null, "Invalid request body: 'comment' must be a string.");
            }

            if (forUpdate && root.TryGetProperty("bulk_update", out var bulk) && bulk.ValueKind != JsonValueKind.Null)
            {
                return (null, "bulk_update is not supported by the simulator: list the indicators by id.");
            }

            if (!root.TryGetProperty("indicators", out var indicators) || indicators.ValueKind == JsonValueKind.Null)
            {
                return (null, "Invalid request body: 'indicators' is required.");
            }

            if (indicators.ValueKind != JsonValueKind.Array)
            {
                return (null, "Invalid request body: 'indicators' must be an array.");
            }

            var items = new List<IndicatorInput>();
            var index = 0;
            foreach (var element in indicators.EnumerateArray())
            {
                try
                {
                    items.Add(ReadItem(element));
                }
                catch (FormatException ex)
                {
                    return (null, $"Invalid request body: indicators[{index}]: {ex.Message}");
                }

                index++;
            }

            return (items, null);
        }
    }

    private static IndicatorInput ReadItem(JsonElement element)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException("expected an object.");
        }

        string? metadataFilename = null;
        if (element.TryGetProperty("metadata", out var metadata) && metadata.ValueKind != JsonValueKind.Null)
        {
            if (metadata.ValueKind != JsonValueKind.Object)
            {
                throw new FormatException("'metadata' must be an object.");
            }

            metadataFilename = String(metadata, "filename");
        }

        return new IndicatorInput
        {
            Id = String(element, "id"),
            Type = String(element, "type"),
            Value = String(element, "value"),
            Action = String(element, "action"),
            MobileAction = String(element, "mobile_action"),
            Severity = String(element, "severity"),
            Platforms = Strings(element, "platforms"),
            Tags = Strings(element, "tags"),
            HostGroups = Strings(element, "host_groups"),
            AppliedGlobally = Boolean(element, "applied_globally"),
            Source = String(element, "source"),
            Description = String(element, "description"),
            Expiration = String(element, "expiration"),
            MetadataFilename = metadataFilename,
        };
    }

    private static string? String(JsonElement element, string name) =>
        !element.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null ? null
        : value.ValueKind == JsonValueKind.String ? value.GetString()
        : throw new FormatException($"'{name}' must be a string.");

    private static bool? Boolean(JsonElement element, string name) =>
        !element.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null ? null
        : value.ValueKind is JsonValueKind.True or JsonValueKind.False ? value.GetBoolean()
        : throw new FormatException($"'{name}' must be a boolean.");

    private static List<string>? Strings(JsonElement element, string name)
    {
        if (!element.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Array)
        {
            throw new FormatException($"'{name}' must be an array of strings.");
        }

        return [.. value.EnumerateArray().Select(v => v.ValueKind == JsonValueKind.String
            ? v.GetString()!
            : throw new FormatException($"'{name}' must be an array of strings."))];
    }
}
