using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Connector.Falcon.Json;

/// <summary>
/// Reads Falcon timestamps, which carry up to nine fractional digits (<c>2024-11-11T09:17:03.445826361Z</c>),
/// more than <see cref="DateTimeOffset"/> parsing takes; digits past the seventh (100 ns) are dropped. Empty
/// strings read as null. Writes RFC 3339 UTC with only the fractional digits that are needed.
/// </summary>
internal sealed class FalconTimestampConverter : JsonConverter<DateTimeOffset?>
{
    public override bool HandleNull => true;

    public override DateTimeOffset? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        if (reader.TokenType != JsonTokenType.String)
        {
            throw new JsonException($"Expected a timestamp string, found {reader.TokenType}.");
        }

        var text = reader.GetString();
        return string.IsNullOrWhiteSpace(text) ? null
            : TryParse(text, out var value) ? value
            : throw new JsonException($"'{text}' is not an RFC 3339 timestamp.");
    }

    public override void Write(Utf8JsonWriter writer, DateTimeOffset? value, JsonSerializerOptions options)
    {
        if (value is { } time)
        {
            writer.WriteStringValue(Format(time));
        }
        else
        {
            writer.WriteNullValue();
        }
    }

    /// <summary>RFC 3339 in UTC, e.g. <c>2025-01-01T00:00:00Z</c> or <c>2025-01-01T00:00:00.5Z</c>.</summary>
    public static string Format(DateTimeOffset time) =>
        time.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);

    /// <summary>Parses an RFC 3339 timestamp with any number of fractional digits.</summary>
    public static bool TryParse(string text, out DateTimeOffset value)
    {
        var trimmed = TrimFraction(text.AsSpan().Trim());
        return DateTimeOffset.TryParse(
            trimmed,
            CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal,
            out value);
    }

    private static string TrimFraction(ReadOnlySpan<char> text)
    {
        var dot = text.IndexOf('.');
        if (dot < 0)
        {
            return text.ToString();
        }

        var end = dot + 1;
        while (end < text.Length && char.IsAsciiDigit(text[end]))
        {
            end++;
        }

        const int maxDigits = 7;
        return end - dot - 1 <= maxDigits
            ? text.ToString()
            : string.Concat(text[..(dot + 1 + maxDigits)], text[end..]);
    }
}
