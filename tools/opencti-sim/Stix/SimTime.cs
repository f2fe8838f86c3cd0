using System.Globalization;

namespace OpenCtiSim.Stix;

/// <summary>Dates as the platform writes them: JavaScript's <c>toISOString()</c>, UTC with milliseconds.</summary>
internal static class SimTime
{
    public const string IsoFormat = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";

    public static string Format(DateTimeOffset instant) =>
        instant.UtcDateTime.ToString(IsoFormat, CultureInfo.InvariantCulture);

    /// <summary>Reads an ISO 8601 date (with or without offset; no offset means UTC).</summary>
    public static bool TryParse(string? text, out DateTimeOffset instant) =>
        DateTimeOffset.TryParse(
            text,
            CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal,
            out instant);

    /// <summary>Cuts below the millisecond, which the platform does not keep.</summary>
    public static DateTimeOffset Truncate(DateTimeOffset instant) =>
        DateTimeOffset.FromUnixTimeMilliseconds(instant.ToUnixTimeMilliseconds());
}
