using Bench.Cli;
using Bench.Stack;
using Connector.Domain.Falcon;

namespace Bench.Scenarios;

/// <summary>What every command needs: options, where the build is, the clock, the console, and the connector's policy.</summary>
internal sealed record ScenarioContext(BenchOptions Options, RepositoryLayout Layout, TimeProvider Time, TextWriter Output, string LogRoot)
{
    /// <summary>The services run with the default IOC settings (no CROWDSTRIKE_ACTION_* given), so expectations use the default policy.</summary>
    public IocPolicy Policy { get; } = new();

    public void Say(string text) => Output.WriteLine(text);

    /// <summary>The settings of a stack for one part of the run.</summary>
    public StackSettings StackFor(string runName, int indicators, int? reconcilerFirstRunDelaySeconds = null) => new()
    {
        RunName = runName,
        SeedIndicators = indicators,
        FalconLatencyMs = Options.LatencyMs,
        FalconRateLimitPerMinute = Options.RateLimitPerMinute,
        ReconcilerFirstRunDelaySeconds = reconcilerFirstRunDelaySeconds,
        LogDirectory = Path.Combine(LogRoot, runName),
        ServiceOverrides = Options.ServiceOverrides,
    };
}
