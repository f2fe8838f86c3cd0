using Connector.Hosting;
using Deployment.Tests.Support;

namespace Deployment.Tests;

/// <summary>deploy/prometheus/prometheus.yml scrapes the services compose runs, where they serve /metrics.</summary>
public sealed class PrometheusConfigTests
{
    private static readonly YamlMap Config = YamlMap.Load(Repository.ReadText("deploy/prometheus/prometheus.yml"));
    private static readonly ComposeFile Compose = ComposeFile.Load(ComposeFile.Main);

    public static TheoryData<string> ServiceNames => [.. ConnectorService.All.Select(s => s.Name)];

    [Theory]
    [MemberData(nameof(ServiceNames))]
    public void Each_service_is_a_job_scraped_at_its_metrics_port(string name)
    {
        var job = Config.Maps("scrape_configs").SingleOrDefault(j => j.Text("job_name") == name);
        Assert.True(job is not null, $"prometheus.yml has no job {name}");
        Assert.Equal(ServiceDefaultsExtensions.MetricsPath, job.Text("metrics_path") ?? "/metrics");
        var target = Assert.Single(job.Maps("static_configs").SelectMany(c => c.List("targets").OfType<string>()));
        Assert.Equal($"{name}:{ComposeFile.EnvironmentOf(Compose.Service(name))["METRICS_PORT"]}", target);
    }

    [Fact]
    public void Every_target_is_a_compose_service()
    {
        var targets = Config.Maps("scrape_configs").SelectMany(j => j.Maps("static_configs")).SelectMany(c => c.List("targets").OfType<string>());
        Assert.All(targets, t => Assert.Contains(t.Split(':')[0], Compose.Services.Keys));
    }

    [Fact]
    public void Compose_prometheus_reads_this_file()
    {
        var volumes = Compose.Service("prometheus").List("volumes").OfType<string>();
        Assert.Contains("./deploy/prometheus/prometheus.yml:/etc/prometheus/prometheus.yml:ro", volumes);
    }
}
