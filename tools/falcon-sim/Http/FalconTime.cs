using System.Globalization;

namespace FalconSim;

/// <summary>Falcon's timestamp format (RFC 3339, UTC, nine fraction digits) and a tolerant RFC 3339 parser.</summary>
public static class FalconTime
{
    /// <summary>
    /// Formats with nine fraction digits as Falcon does. .NET keeps 100 ns ticks, so the last two digits are
    /// derived from the tick count: they are stable for a given instant and make clients cope with nanoseconds.
    /// </summary>
    public static string Format(DateTimeOffset time)
    {
        var utc = time.UtcDateTime;
        var nanos = (int)((utc.Ticks * 37 + 11) % 100);
        return string.Create(CultureInfo.InvariantCulture, $"{utc:yyyy-MM-dd'T'HH:mm:ss.fffffff}{nanos:00}Z");
    }

    /// <summary>Formats an expiration as sent by clients: whole seconds without a fraction, otherwise nine digits.</summary>
    public static string FormatExpiration(DateTimeOffset time) =>
        time.UtcDateTime.Ticks % TimeSpan.TicksPerSecond == 0
            ? time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)
            : Format(time);

    /// <summary>
    /// Parses RFC 3339 (<c>2024-11-11T09:17:03.445826361Z</c>, <c>…+02:00</c>): any number of fraction digits
    /// (kept to 100 ns), <c>Z</c> or a numeric offset, required.
    /// </summary>
    public static bool TryParse(string? text, out DateTimeOffset time)
    {
        time = default;
        if (text is null || text.Length < 20 || text[10] is not ('T' or 't'))
        {
            return false;
        }

        var end = text.Length;
        TimeSpan offset;
        if (text[^1] is 'Z' or 'z')
        {
            offset = TimeSpan.Zero;
            end--;
        }
        else if (text.Length >= 25 && text[^6] is '+' or '-' && text[^3] == ':'
            && int.TryParse(text.AsSpan(end - 5, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var hours)
            && int.TryParse(text.AsSpan(end - 2, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var minutes)
            && hours < 24 && minutes < 60)
        {
            offset = new TimeSpan(hours, minutes, 0) * (text[^6] == '-' ? -1 : 1);
            end -= 6;
        }
        else
        {
            return false;
        }

        var main = text.AsSpan(0, 19);
        if (!DateTime.TryParseExact(main, "yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture, DateTimeStyles.None, out var local)
            && !DateTime.TryParseExact(main, "yyyy-MM-dd't'HH:mm:ss", CultureInfo.InvariantCulture, DateTimeStyles.None, out local))
        {
            return false;
        }

        long fractionTicks = 0;
        if (end > 19)
        {
            if (text[19] != '.' || end == 20)
            {
                return false;
            }

            var digits = text.AsSpan(20, end - 20);
            long scale = TimeSpan.TicksPerSecond;
            foreach (var c in digits)
            {
                if (!char.IsAsciiDigit(c))
                {
                    return false;
                }

                scale /= 10;
                fractionTicks += (c - '0') * scale;
            }
        }

        time = new DateTimeOffset(local.AddTicks(fractionTicks), offset).ToUniversalTime();
        return true;
    }
}
