using System.Globalization;

namespace Bench.Reporting;

/// <summary>Culture-invariant formatting for tables and progress lines.</summary>
internal static class Units
{
    public static string Count(double value) => value.ToString("N0", CultureInfo.InvariantCulture);

    public static string Number(double value, int decimals = 1) =>
        double.IsNaN(value) ? "-" : value.ToString("N" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

    public static string Seconds(double seconds) => Number(seconds, 1) + " s";

    public static string Percent(double part, double whole) => whole <= 0 ? "-" : Number(100.0 * part / whole, 0) + "%";

    public static double Megabytes(long bytes) => Math.Round(bytes / (1024.0 * 1024.0), 1);

    /// <summary>The machine's 1-minute load average (0 where /proc/loadavg does not exist).</summary>
    public static double LoadAverage() =>
        File.Exists("/proc/loadavg")
        && double.TryParse(File.ReadAllText("/proc/loadavg").Split(' ')[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var load)
            ? load
            : 0;

    /// <summary>Rounds for the JSON report, so it does not carry 15 meaningless digits.</summary>
    public static double Round(double value, int decimals = 3) =>
        double.IsNaN(value) || double.IsInfinity(value) ? 0 : Math.Round(value, decimals);
}
