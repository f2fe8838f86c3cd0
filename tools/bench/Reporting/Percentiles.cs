namespace Bench.Reporting;

/// <summary>Nearest-rank percentiles.</summary>
internal static class Percentiles
{
    public static LatencySummary Summarize(IReadOnlyCollection<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count == 0)
        {
            return new LatencySummary(double.NaN, double.NaN, double.NaN, double.NaN, double.NaN);
        }

        var sorted = values.Order().ToArray();
        return new LatencySummary(At(sorted, 50), At(sorted, 95), At(sorted, 99), sorted[^1], sorted.Average());
    }

    /// <summary>The smallest value with at least <paramref name="percent"/> % of the values at or below it.</summary>
    public static double At(double[] sorted, double percent)
    {
        ArgumentNullException.ThrowIfNull(sorted);
        var rank = (int)Math.Ceiling(percent / 100.0 * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }
}
