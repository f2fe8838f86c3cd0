using System.Globalization;
using System.Text.Json;

namespace Connector.OpenCti;

/// <summary>
/// Lenient readers for values of OpenCTI's JSON: a field of an unexpected kind reads as missing instead of failing
/// the whole object, because one odd field must not cost an indicator.
/// </summary>
internal static class JsonRead
{
    public static string? String(JsonElement value) =>
        value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    public static bool Boolean(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.True => true,
        JsonValueKind.String => bool.TryParse(value.GetString(), out var parsed) && parsed,
        _ => false,
    };

    public static long? Int64(JsonElement value)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Number:
                if (value.TryGetInt64(out var whole))
                {
                    return whole;
                }

                return value.TryGetDouble(out var real) && double.IsFinite(real) ? (long)Math.Round(real, MidpointRounding.AwayFromZero) : null;
            case JsonValueKind.String:
                return double.TryParse(value.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) && double.IsFinite(parsed)
                    ? (long)Math.Round(parsed, MidpointRounding.AwayFromZero)
                    : null;
            default:
                return null;
        }
    }

    public static int? Int32(JsonElement value) =>
        Int64(value) is { } number && number is >= int.MinValue and <= int.MaxValue ? (int)number : null;

    public static DateTimeOffset? Date(JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.String)
        {
            return null;
        }

        if (value.TryGetDateTimeOffset(out var strict))
        {
            return strict.ToUniversalTime();
        }

        return DateTimeOffset.TryParse(value.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var loose)
            ? loose
            : null;
    }

    /// <summary>An array of strings (non-strings dropped); a lone string reads as a one-item list.</summary>
    public static IReadOnlyList<string> StringList(JsonElement value)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.String:
                return value.GetString() is { Length: > 0 } single ? [single] : [];
            case JsonValueKind.Array:
                var length = value.GetArrayLength();
                if (length == 0)
                {
                    return [];
                }

                var items = new List<string>(length);
                foreach (var item in value.EnumerateArray())
                {
                    if (item.ValueKind == JsonValueKind.String && item.GetString() is { } text)
                    {
                        items.Add(text);
                    }
                }

                return items;
            default:
                return [];
        }
    }
}
