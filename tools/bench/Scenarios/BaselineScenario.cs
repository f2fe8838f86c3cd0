using Bench.Expectations;
using Bench.Reporting;
using Bench.Stack;
using Connector.Falcon;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Bench.Scenarios;

/// <summary>
/// The reference Python connector's way, for comparison in the same run: for each IOC of each indicator, in stream
/// order, one search (is the value there?) then one write (create, or update when found), one request at a time. It
/// uses the project's own Falcon client (same auth, retries, rate limiter) against a falcon-sim with the same latency
/// and rate limit, so only the shape of the work differs.
/// </summary>
internal static class BaselineScenario
{
    public static async Task<BaselineResult> RunAsync(
        PipelineStack stack, ExpectedIocs expected, ProgressLine progress, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stack);
        ArgumentNullException.ThrowIfNull(expected);
        ArgumentNullException.ThrowIfNull(progress);

        await using var services = FalconClientFor(stack.FalconSimUrl);
        var falcon = services.GetRequiredService<IFalconIocClient>();
        var before = await stack.Falcon.CountersAsync(cancellationToken);
        var start = time.GetTimestamp();
        var done = 0;
        foreach (var indicator in expected.Indicators)
        {
            foreach (var key in indicator.Keys)
            {
                var fields = expected.Fields[key];
                var found = await falcon.FindByValuesAsync(key.Type, [key.Value], cancellationToken: cancellationToken);
                if (found.Count > 0 && found[0] is { } existing)
                {
                    await falcon.UpdateAsync([FalconIocUpdate.From(existing.Id, fields)], cancellationToken: cancellationToken);
                }
                else
                {
                    await falcon.CreateAsync([FalconIocWrite.From(key, fields)], cancellationToken: cancellationToken);
                }

                done++;
                var elapsed = time.GetElapsedTime(start).TotalSeconds;
                var perSecond = done / Math.Max(elapsed, 0.001);
                progress.Update(
                    $"baseline: {Units.Count(done)} / {Units.Count(expected.Count)} IOCs  {Units.Number(perSecond, 1)} IOCs/s  {Units.Seconds(elapsed)}"
                    + $"  about {Units.Seconds(Math.Max(0, expected.Count - done) / Math.Max(perSecond, 0.001))} left");
            }
        }

        var wall = time.GetElapsedTime(start).TotalSeconds;
        var after = await stack.Falcon.CountersAsync(cancellationToken);
        var state = await stack.Falcon.StateAsync(cancellationToken);
        var comparison = FalconComparison.Compare(expected.Fields, state.Indicators);
        progress.Complete(
            $"baseline: {Units.Count(comparison.Present)} / {Units.Count(expected.Count)} IOCs in Falcon in {Units.Seconds(wall)}"
            + (comparison.IsComplete ? " (verified)" : $" ({Units.Count(comparison.Missing)} missing, {Units.Count(comparison.Mismatched)} different)"));

        var requests = after.ApiRequests - before.ApiRequests;
        return new BaselineResult(
            expected.Summary.Indicators,
            expected.Count,
            comparison.Present,
            comparison.Missing,
            comparison.IsComplete,
            Units.Round(wall, 2),
            Units.Round(wall > 0 ? comparison.Present / wall : 0, 2),
            requests,
            Units.Round(expected.Count > 0 ? requests / (double)expected.Count : 0, 3),
            after.RateLimited - before.RateLimited,
            Units.LoadAverage());
    }

    // The Python connector has no client-side limiter, so the whole budget is this client's; one IOC per request.
    private static ServiceProvider FalconClientFor(Uri falconSim)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["crowdstrike:api_base_url"] = falconSim.ToString(),
                ["crowdstrike:client_id"] = StackSettings.FalconClientId,
                ["crowdstrike:client_secret"] = StackSettings.FalconClientSecret,
                ["crowdstrike:request_share"] = "1",
                ["crowdstrike:batch_size"] = "1",
            })
            .Build();
        return new ServiceCollection()
            .AddLogging()
            .AddFalconClient(configuration.GetSection("crowdstrike"))
            .BuildServiceProvider();
    }
}
