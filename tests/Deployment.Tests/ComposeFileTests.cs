using Connector.IocSync.Redrive;
using Connector.IocSync.Settings;
using Deployment.Tests.Support;
using FalconSim;

namespace Deployment.Tests;

/// <summary>docker-compose.yml: what it starts, how, and with which settings.</summary>
public sealed class ComposeFileTests
{
    private static readonly ComposeFile Compose = ComposeFile.Load(ComposeFile.Main);

    public static TheoryData<string> ServiceNames => [.. ConnectorService.All.Select(s => s.Name)];

    [Fact]
    public void Every_service_has_an_image_or_a_build_whose_dockerfile_exists()
    {
        Assert.NotEmpty(Compose.Services);
        foreach (var (name, service) in Compose.Services)
        {
            Assert.True(service.Has("image") || service.Has("build"), $"compose service {name} has neither image nor build");
            if (service.Map("build") is { } build)
            {
                Assert.Equal(".", build.Text("context"));
                var dockerfile = build.Text("dockerfile");
                Assert.True(dockerfile is not null && Repository.Exists(dockerfile), $"compose service {name}: Dockerfile '{dockerfile}' does not exist");
            }
        }
    }

    [Fact]
    public void Every_service_has_a_healthcheck_in_compose_or_in_its_dockerfile()
    {
        foreach (var (name, service) in Compose.Services)
        {
            var inCompose = service.Map("healthcheck") is { } check && check.List("test").Count > 0;
            var inDockerfile = service.At("build")?.Text("dockerfile") is { } dockerfile
                && Dockerfile.Load(dockerfile).FinalStage.Any(i => i.Keyword == "HEALTHCHECK");
            Assert.True(inCompose || inDockerfile, $"compose service {name} has no healthcheck, neither in compose nor in its Dockerfile");
        }
    }

    [Fact]
    public void Every_dockerfile_of_the_repository_is_built_by_compose()
    {
        var built = Compose.Services.Values.Select(s => s.At("build")?.Text("dockerfile")).OfType<string>().ToHashSet(StringComparer.Ordinal);
        var dockerfiles = new[] { "services", "tools" }
            .SelectMany(root => Directory.EnumerateFiles(Repository.PathOf(root), "Dockerfile", SearchOption.AllDirectories))
            .Select(Repository.RelativePath)
            .Where(p => !p.Contains("/bin/", StringComparison.Ordinal) && !p.Contains("/obj/", StringComparison.Ordinal));
        Assert.All(dockerfiles, d => Assert.Contains(d, built));
    }

    [Theory]
    [MemberData(nameof(ServiceNames))]
    public void Connector_service_is_built_from_its_dockerfile(string name)
    {
        var service = Compose.Service(name);
        Assert.Equal(ConnectorService.Named(name).Dockerfile, service.At("build")?.Text("dockerfile"));
    }

    [Theory]
    [MemberData(nameof(ServiceNames))]
    public void Connector_service_environment_holds_only_settings_the_service_reads(string name)
    {
        var settings = ServiceSettings.Of(ConnectorService.Named(name));
        var environment = ComposeFile.EnvironmentOf(Compose.Service(name));
        Assert.NotEmpty(environment);
        var problems = environment.Keys.Select(settings.ProblemWith).OfType<string>().ToList();
        Assert.True(problems.Count == 0, $"compose service {name}:\n  " + string.Join("\n  ", problems));
    }

    [Theory]
    [MemberData(nameof(ServiceNames))]
    public void Connector_service_serves_health_and_metrics_on_a_published_port(string name)
    {
        var service = Compose.Service(name);
        var environment = ComposeFile.EnvironmentOf(service);
        Assert.Equal("9113", environment["METRICS_PORT"]);
        Assert.Equal("0.0.0.0", environment["METRICS_ADDR"]);
        Assert.Equal("true", Substitution.OfWholeValue(environment["METRICS_ENABLE"])?.Default ?? environment["METRICS_ENABLE"]);
        Assert.Contains(service.List("ports").OfType<string>(), p => p.EndsWith(":9113", StringComparison.Ordinal));
    }

    [Fact]
    public void Every_dependency_is_a_service_and_waits_for_health_only_where_there_is_a_healthcheck()
    {
        foreach (var (name, service) in Compose.Services)
        {
            foreach (var (dependency, options) in ComposeFile.DependenciesOf(service))
            {
                Assert.True(Compose.Services.ContainsKey(dependency), $"{name} depends on {dependency}, which is not a service");
                if (options.Text("condition") == "service_healthy")
                {
                    var target = Compose.Service(dependency);
                    var hasCheck = target.Has("healthcheck")
                        || (target.At("build")?.Text("dockerfile") is { } dockerfile && Dockerfile.Load(dockerfile).FinalStage.Any(i => i.Keyword == "HEALTHCHECK"));
                    Assert.True(hasCheck, $"{name} waits for {dependency} to be healthy, but {dependency} has no healthcheck");
                }
            }
        }
    }

    [Fact]
    public void Services_that_publish_to_ioc_sync_start_once_ioc_sync_is_healthy()
    {
        // RabbitMQ drops a published message that no queue is bound for yet; ioc-sync binds its queues when it is ready.
        foreach (var publisher in new[] { ConnectorService.StreamIngest.Name, ConnectorService.Reconciler.Name })
        {
            var dependencies = ComposeFile.DependenciesOf(Compose.Service(publisher));
            Assert.True(dependencies.TryGetValue(ConnectorService.IocSync.Name, out var options), $"{publisher} does not depend on ioc-sync");
            Assert.Equal("service_healthy", options.Text("condition"));
        }
    }

    [Fact]
    public void Ioc_sync_keeps_its_sqlite_store_on_a_named_volume_and_runs_once()
    {
        var service = Compose.Service(ConnectorService.IocSync.Name);
        var environment = ComposeFile.EnvironmentOf(service);
        Assert.Equal(IocSyncOptions.SqliteProvider, Default(environment["IOC_SYNC_STORE_PROVIDER"]));
        var directory = SqliteStore.DirectoryOf(Default(environment["IOC_SYNC_STORE"]));

        var mount = service.List("volumes").OfType<string>().Select(v => v.Split(':')).SingleOrDefault(v => v.Length >= 2 && v[1] == directory);
        Assert.True(mount is not null, $"ioc-sync's store directory {directory} is not a mounted volume");
        Assert.True(Compose.Root.Map("volumes")?.Has(mount[0]) == true, $"volume {mount[0]} is not declared under volumes:");
        Assert.False(service.At("deploy")?.Text("replicas") is { } replicas && replicas != "1", "ioc-sync on SQLite must run as one container");
    }

    [Fact]
    public void Bind_mounted_files_exist()
    {
        foreach (var (name, service) in Compose.Services)
        {
            foreach (var source in service.List("volumes").OfType<string>().Select(v => v.Split(':')[0]).Where(s => s.StartsWith("./", StringComparison.Ordinal)))
            {
                Assert.True(Repository.Exists(source[2..]), $"compose service {name} mounts {source}, which does not exist");
            }
        }
    }

    [Fact]
    public void Services_send_traces_to_the_bundled_jaeger_over_otlp()
    {
        foreach (var service in ConnectorService.All)
        {
            var endpoint = Substitution.OfWholeValue(ComposeFile.EnvironmentOf(Compose.Service(service.Name))["OTEL_EXPORTER_OTLP_ENDPOINT"])?.Default;
            Assert.Equal("http://jaeger:4317", endpoint);
        }

        Assert.Equal("true", ComposeFile.EnvironmentOf(Compose.Service("jaeger"))["COLLECTOR_OTLP_ENABLED"]);
    }

    [Fact]
    public void Simulators_run_only_with_their_profile_and_are_what_the_default_settings_point_at()
    {
        foreach (var simulator in new[] { "falcon-sim", "opencti-sim" })
        {
            Assert.Contains("simulators", Compose.Service(simulator).List("profiles").OfType<string>());
        }

        AssertDefaultPointsAt(ConnectorService.StreamIngest.Name, "OPENCTI_URL", "opencti-sim");
        AssertDefaultPointsAt(ConnectorService.Reconciler.Name, "OPENCTI_URL", "opencti-sim");
        AssertDefaultPointsAt(ConnectorService.IocSync.Name, "CROWDSTRIKE_API_BASE_URL", "falcon-sim");
        AssertDefaultPointsAt(ConnectorService.Reconciler.Name, "CROWDSTRIKE_API_BASE_URL", "falcon-sim");
    }

    [Fact]
    public void Simulators_accept_the_credentials_the_services_are_given()
    {
        var falcon = ComposeFile.EnvironmentOf(Compose.Service("falcon-sim"));
        var opencti = ComposeFile.EnvironmentOf(Compose.Service("opencti-sim"));
        var ioc = ComposeFile.EnvironmentOf(Compose.Service(ConnectorService.IocSync.Name));
        var ingest = ComposeFile.EnvironmentOf(Compose.Service(ConnectorService.StreamIngest.Name));

        Assert.Equal(ioc["CROWDSTRIKE_CLIENT_ID"], falcon["FALCON_SIM_CLIENT_ID"]);
        Assert.Equal(ioc["CROWDSTRIKE_CLIENT_SECRET"], falcon["FALCON_SIM_CLIENT_SECRET"]);
        Assert.Equal(ingest["OPENCTI_TOKEN"], opencti["OPENCTI_SIM_TOKEN"]);
        Assert.Equal(ingest["CONNECTOR_LIVE_STREAM_ID"], opencti["OPENCTI_SIM_STREAM_ID"]);
    }

    [Fact]
    public void Simulator_environment_holds_only_settings_the_simulators_read()
    {
        Assert.All(ComposeFile.EnvironmentOf(Compose.Service("falcon-sim")).Keys, name => Assert.Contains(name, FalconSimEnvironment.Settings.Keys));
        Assert.All(ComposeFile.EnvironmentOf(Compose.Service("opencti-sim")).Keys, name => Assert.Contains(name, OpenCtiSimSettings.Names));
    }

    [Fact]
    public void Reconciler_redrives_stuck_writes_on_the_queue_ioc_sync_listens_to()
    {
        var queue = ComposeFile.EnvironmentOf(Compose.Service(ConnectorService.Reconciler.Name))["RECONCILER_REDRIVE_QUEUE"];
        Assert.Equal(RedriveStuckWritesConsumerDefinition.QueueName, Substitution.OfWholeValue(queue)?.Default ?? queue);
    }

    /// <summary>The value compose passes when .env leaves the variable unset.</summary>
    private static string? Default(string? value) => Substitution.OfWholeValue(value) is { } substitution ? substitution.Default : value;

    private static void AssertDefaultPointsAt(string service, string variable, string simulator)
    {
        var value = Substitution.OfWholeValue(ComposeFile.EnvironmentOf(Compose.Service(service))[variable])?.Default;
        Assert.True(Uri.TryCreate(value, UriKind.Absolute, out var uri), $"{service}: {variable} has no URL default");
        Assert.Equal(simulator, uri.Host);
        var exposed = Dockerfile.Load(Compose.Service(simulator).At("build")!.Text("dockerfile")!)
            .FinalStage.Where(i => i.Keyword == "EXPOSE").Select(i => i.Arguments.Trim());
        Assert.Contains(uri.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), exposed);
    }
}
