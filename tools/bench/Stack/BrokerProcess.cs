namespace Bench.Stack;

/// <summary>
/// The local RabbitMQ's Erlang VM (<c>beam.smp</c>), found in /proc: the broker is a fourth busy process of the pipeline,
/// so its CPU time belongs in the picture (its peak memory is over its whole life, not just the run).
/// </summary>
internal static class BrokerProcess
{
    public const string Name = "rabbitmq";

    /// <summary>The broker's process id, or null when no local broker runs (or /proc is not there).</summary>
    public static int? Find()
    {
        if (!Directory.Exists("/proc"))
        {
            return null;
        }

        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(directory), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var pid)
                && ReadComm(directory) == "beam.smp"
                && File.ReadAllText(Path.Combine(directory, "cmdline")).Contains("rabbit", StringComparison.Ordinal))
            {
                return pid;
            }
        }

        return null;
    }

    private static string? ReadComm(string directory)
    {
        try
        {
            return File.ReadAllText(Path.Combine(directory, "comm")).Trim();
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }
}
