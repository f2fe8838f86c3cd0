using System.Globalization;

namespace Bench.Cli;

/// <summary>Reads <c>quickstart [options]</c> and <c>bench [options]</c>.</summary>
internal static class CommandLine
{
    public const string Usage = """
        Usage:
          dotnet run -c Release --project tools/bench -- quickstart [--indicators 10000] [--latency-ms 150] [--live-rate 2]
          dotnet run -c Release --project tools/bench -- bench [--scenario all|initial-sync|live-churn|baseline[,...]]
                [--indicators 100000] [--latency-ms 150] [--rate 200] [--duration 60] [--baseline-indicators 1000]
                [--out bench.json]

        Common options:
          --logs DIR             where the processes' logs go (default: a new folder under the temp directory)
          --rate-limit N         falcon-sim's requests per sliding minute (default 6000, Falcon's)
          --stall-timeout S      seconds without progress before an initial sync counts as stalled (default 120)
          --set KEY=VALUE        an extra environment variable for the three services, e.g. --set IOC_SYNC_BATCH_SIZE=1000

        quickstart: RabbitMQ must run (tools/quickstart.sh makes sure of it). Starts falcon-sim, opencti-sim with 10,000
        indicators and the three services, shows the initial sync, prints a summary, then follows the live stream
        (making --live-rate changes per second in opencti-sim) until Ctrl-C.
        bench: runs the scenarios (see tools/bench/README.md), prints a table and writes the JSON report.
        """;

    public static BenchOptions Parse(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (args.Count == 0 || args[0] is "-h" or "--help" or "help")
        {
            return new BenchOptions { Mode = BenchMode.Help };
        }

        var options = args[0] switch
        {
            "quickstart" => new BenchOptions { Mode = BenchMode.QuickStart },
            "bench" => new BenchOptions { Mode = BenchMode.Bench },
            _ => null,
        };
        if (options is null)
        {
            return Fail($"unknown command '{args[0]}'");
        }

        var overrides = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 1; i < args.Count; i++)
        {
            var name = args[i];
            if (name is "-h" or "--help")
            {
                return new BenchOptions { Mode = BenchMode.Help };
            }

            if (i + 1 >= args.Count)
            {
                return Fail($"{name} needs a value");
            }

            var value = args[++i];
            try
            {
                options = name switch
                {
                    "--scenario" => options with { Scenarios = ParseScenarios(value) },
                    "--indicators" => options with { Indicators = Positive(name, value) },
                    "--latency-ms" => options with { LatencyMs = NonNegative(name, value) },
                    "--rate-limit" => options with { RateLimitPerMinute = Positive(name, value) },
                    "--rate" => options with { Rate = Positive(name, value) },
                    "--duration" => options with { DurationSeconds = Positive(name, value) },
                    "--baseline-indicators" => options with { BaselineIndicators = Positive(name, value) },
                    "--out" => options with { OutputPath = value },
                    "--logs" => options with { LogDirectory = value },
                    "--stall-timeout" => options with { StallTimeoutSeconds = Positive(name, value) },
                    "--live-rate" => options with { LiveRate = double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var rate) && rate >= 0
                        ? rate : throw new FormatException($"{name} must be a number of changes per second (0 or more), got '{value}'") },
                    "--set" => AddOverride(options, overrides, value),
                    _ => throw new FormatException($"unknown option '{name}'"),
                };
            }
            catch (FormatException ex)
            {
                return Fail(ex.Message);
            }
        }

        return options with { ServiceOverrides = overrides };
    }

    private static BenchOptions AddOverride(BenchOptions options, Dictionary<string, string> overrides, string value)
    {
        var equals = value.IndexOf('=', StringComparison.Ordinal);
        if (equals <= 0)
        {
            throw new FormatException($"--set takes KEY=VALUE, got '{value}'");
        }

        overrides[value[..equals]] = value[(equals + 1)..];
        return options;
    }

    private static List<string> ParseScenarios(string value)
    {
        if (string.Equals(value, "all", StringComparison.Ordinal))
        {
            return [.. ScenarioNames.All];
        }

        var scenarios = value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
        foreach (var scenario in scenarios.Where(s => !ScenarioNames.All.Contains(s, StringComparer.Ordinal)))
        {
            throw new FormatException($"unknown scenario '{scenario}' (all, {string.Join(", ", ScenarioNames.All)})");
        }

        return scenarios;
    }

    private static int Positive(string name, string value) =>
        int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number) && number > 0
            ? number
            : throw new FormatException($"{name} must be a whole number above 0, got '{value}'");

    private static int NonNegative(string name, string value) =>
        int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number) && number >= 0
            ? number
            : throw new FormatException($"{name} must be a whole number, 0 or more, got '{value}'");

    private static BenchOptions Fail(string message) => new() { Mode = BenchMode.Help, Error = message };
}
