using System.Globalization;

namespace Bench.Stack;

/// <summary>What the kernel says about one process: peak and current resident memory, CPU time used.</summary>
/// <param name="PeakRssBytes">VmHWM: the highest resident set size since the process started.</param>
/// <param name="RssBytes">VmRSS now.</param>
/// <param name="CpuSeconds">User plus system CPU time since the process started.</param>
internal sealed record ProcessStats(long PeakRssBytes, long RssBytes, double CpuSeconds)
{
    /// <summary>Reads /proc/&lt;pid&gt;/status and /proc/&lt;pid&gt;/stat; null once the process is gone (or off Linux).</summary>
    public static ProcessStats? Read(int processId)
    {
        try
        {
            var status = File.ReadAllLines($"/proc/{processId}/status");
            var stat = File.ReadAllText($"/proc/{processId}/stat");
            return new ProcessStats(Kilobytes(status, "VmHWM:"), Kilobytes(status, "VmRSS:"), CpuSecondsOf(stat));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException)
        {
            return null;
        }
    }

    private static long Kilobytes(string[] status, string field)
    {
        var line = status.FirstOrDefault(l => l.StartsWith(field, StringComparison.Ordinal));
        if (line is null)
        {
            return 0;
        }

        // "VmHWM:	  123456 kB"
        var number = line[field.Length..].Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries)[0];
        return long.Parse(number, CultureInfo.InvariantCulture) * 1024;
    }

    private static double CpuSecondsOf(string stat)
    {
        // The command name (field 2) is in parentheses and may hold spaces: count fields after the last ')'.
        // Then field 3 is the state, so utime (14) and stime (15) are the 12th and 13th after it.
        var rest = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var ticks = long.Parse(rest[11], CultureInfo.InvariantCulture) + long.Parse(rest[12], CultureInfo.InvariantCulture);
        return ticks / (double)Native.ClockTicksPerSecond;
    }
}
