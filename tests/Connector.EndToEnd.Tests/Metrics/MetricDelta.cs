using Connector.EndToEnd.Tests.Support;

namespace Connector.EndToEnd.Tests.Metrics;

/// <summary>
/// Two scrapes of one service, before and after a step: counters are read as the step's increase, so a test counts only
/// its own work whatever the tests before it did on the shared pipeline.
/// </summary>
internal sealed record MetricDelta(PrometheusScrape Before, PrometheusScrape After)
{
    public double Of(string name, params string[] labels) => After.Sum(name, labels) - Before.Sum(name, labels);

    public string Dump(string prefix) => After.Dump(prefix);
}
