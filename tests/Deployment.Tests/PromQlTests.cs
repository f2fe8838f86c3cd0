using Deployment.Tests.Support;

namespace Deployment.Tests;

/// <summary>The metric names the dashboard check finds in a PromQL expression.</summary>
public sealed class PromQlTests
{
    [Theory]
    [InlineData("max(stream_ingest_stream_lag_seconds)", "stream_ingest_stream_lag_seconds")]
    [InlineData("sum by (event, outcome) (rate(stream_ingest_frames_total[$__rate_interval]))", "stream_ingest_frames_total")]
    [InlineData("sum(rate(a_total{job=~\"$job\",x!=\"rate(b)\"}[5m])) / sum(rate(c_count[5m]))", "a_total c_count")]
    [InlineData("histogram_quantile(0.95, sum by (le) (rate(d_seconds_bucket[1h] offset 5m)))", "d_seconds_bucket")]
    [InlineData("time() - max(last_run_time_seconds) * 1e3", "last_run_time_seconds")]
    [InlineData("sum(x) by (job) and on(instance) y unless ignoring(a) z", "x y z")]
    [InlineData("max by (name) (time() - current_state / 1000)", "current_state")]
    [InlineData("vector(1)", "")]
    public void Finds_the_metrics_an_expression_reads(string expression, string expected)
    {
        var names = PromQl.MetricNames(expression);
        Assert.Equal(expected.Split(' ', StringSplitOptions.RemoveEmptyEntries).Order(StringComparer.Ordinal), names.Order(StringComparer.Ordinal));
    }
}
