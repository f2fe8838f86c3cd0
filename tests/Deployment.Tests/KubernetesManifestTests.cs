using Connector.Hosting;
using Connector.IocSync.Redrive;
using Connector.IocSync.Settings;
using Deployment.Tests.Support;

namespace Deployment.Tests;

/// <summary>deploy/: the Kubernetes objects of <c>kubectl apply -k deploy/</c>, checked without a cluster.</summary>
public sealed class KubernetesManifestTests
{
    private static readonly KubernetesManifests Manifests = KubernetesManifests.Load();

    public static TheoryData<string> ServiceNames => [.. ConnectorService.All.Select(s => s.Name)];

    public static TheoryData<string> YamlFiles => [.. Repository.FilesUnder(KubernetesManifests.Directory, ".yaml", ".yml")];

    [Theory]
    [MemberData(nameof(YamlFiles))]
    public void Every_yaml_file_under_deploy_parses(string file)
    {
        Assert.NotEmpty(YamlMap.LoadAll(Repository.ReadText(file)));
    }

    [Fact]
    public void Kustomization_applies_every_manifest_of_the_deploy_folder()
    {
        var manifests = Directory.EnumerateFiles(Repository.PathOf(KubernetesManifests.Directory), "*.yaml")
            .Select(Repository.RelativePath)
            .Where(f => f != KubernetesManifests.KustomizationFile)
            .Order(StringComparer.Ordinal);
        Assert.Equal(manifests, Manifests.ResourceFiles.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Kustomization_generates_the_dashboard_config_map_from_a_file_that_exists()
    {
        var files = Manifests.Kustomization.Maps("configMapGenerator").SelectMany(g => g.List("files").OfType<string>()).ToList();
        Assert.Contains("grafana/connector-dashboard.json", files);
        Assert.All(files, f => Assert.True(Repository.Exists($"{KubernetesManifests.Directory}/{f}"), $"{f} does not exist"));
    }

    [Fact]
    public void Every_object_has_an_api_version_a_kind_and_a_name()
    {
        Assert.NotEmpty(Manifests.Objects);
        Assert.All(Manifests.Objects, o =>
        {
            Assert.False(string.IsNullOrEmpty(o.Document.Text("apiVersion")), $"{o} has no apiVersion");
            Assert.False(string.IsNullOrEmpty(o.Kind), $"{o.File}: an object has no kind");
            Assert.False(string.IsNullOrEmpty(o.Name), $"{o} has no metadata.name");
        });
        var duplicates = Manifests.Objects.GroupBy(o => (o.Kind, o.Name)).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        Assert.Empty(duplicates);
    }

    [Fact]
    public void The_namespace_object_is_the_kustomization_namespace()
    {
        var ns = Assert.Single(Manifests.OfKind("Namespace"));
        Assert.Equal(Manifests.Kustomization.Text("namespace"), ns.Name);
    }

    [Fact]
    public void There_is_one_deployment_per_service()
    {
        Assert.Equal(
            ConnectorService.All.Select(s => s.Name).Order(StringComparer.Ordinal),
            Manifests.OfKind("Deployment").Select(d => d.Name).Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(ServiceNames))]
    public void Deployment_probes_liveness_and_readiness_on_the_service_listener(string name)
    {
        var container = ContainerOf(name);
        var port = MetricsPortOf(name);
        Assert.Equal($"{ServiceDefaultsExtensions.HealthPath}/live", container.At("livenessProbe", "httpGet")?.Text("path"));
        Assert.Equal($"{ServiceDefaultsExtensions.HealthPath}/ready", container.At("readinessProbe", "httpGet")?.Text("path"));
        foreach (var probe in new[] { "livenessProbe", "readinessProbe", "startupProbe" }.Where(container.Has))
        {
            Assert.Equal(port, ContainerPortNumber(container, container.At(probe, "httpGet")?.Text("port")));
        }
    }

    [Theory]
    [MemberData(nameof(ServiceNames))]
    public void Deployment_has_resource_requests_and_limits(string name)
    {
        var resources = ContainerOf(name).Map("resources");
        foreach (var kind in new[] { "requests", "limits" })
        {
            foreach (var resource in new[] { "cpu", "memory" })
            {
                Assert.False(string.IsNullOrEmpty(resources?.Map(kind)?.Text(resource)), $"{name}: no resources.{kind}.{resource}");
            }
        }
    }

    [Theory]
    [MemberData(nameof(ServiceNames))]
    public void Deployment_runs_as_non_root_on_a_read_only_root_filesystem(string name)
    {
        var pod = PodOf(name);
        var container = ContainerOf(name);
        var podSecurity = pod.Map("securityContext");
        var security = container.Map("securityContext");

        Assert.Equal("true", security?.Text("runAsNonRoot") ?? podSecurity?.Text("runAsNonRoot"));
        Assert.NotEqual("0", security?.Text("runAsUser") ?? podSecurity?.Text("runAsUser"));
        Assert.Equal("false", security?.Text("allowPrivilegeEscalation"));
        Assert.Contains("ALL", security?.At("capabilities")?.List("drop").OfType<string>() ?? []);
        Assert.Equal("true", security?.Text("readOnlyRootFilesystem"));

        // With a read-only root, /tmp must be a writable emptyDir (.NET's diagnostics socket and temporary files).
        var tmp = container.Maps("volumeMounts").SingleOrDefault(m => m.Text("mountPath") == "/tmp");
        Assert.True(tmp is not null, $"{name}: /tmp is not mounted");
        Assert.True(pod.Maps("volumes").Single(v => v.Text("name") == tmp.Text("name")).Has("emptyDir"), $"{name}: /tmp is not an emptyDir");
    }

    [Theory]
    [MemberData(nameof(ServiceNames))]
    public void Deployment_environment_holds_only_settings_the_service_reads(string name)
    {
        var settings = ServiceSettings.Of(ConnectorService.Named(name));
        var variables = EnvironmentOf(name);
        Assert.NotEmpty(variables);
        var problems = variables.Select(settings.ProblemWith).OfType<string>().ToList();
        Assert.True(problems.Count == 0, $"Deployment {name}:\n  " + string.Join("\n  ", problems));
    }

    [Theory]
    [MemberData(nameof(ServiceNames))]
    public void Deployment_environment_refers_to_config_maps_and_secret_keys_that_exist(string name)
    {
        var container = ContainerOf(name);
        foreach (var source in container.Maps("envFrom"))
        {
            if (source.Map("configMapRef")?.Text("name") is { } map)
            {
                Assert.True(Manifests.Find("ConfigMap", map) is not null, $"{name}: ConfigMap {map} does not exist");
            }

            if (source.Map("secretRef")?.Text("name") is { } secret)
            {
                Assert.True(Manifests.Find("Secret", secret) is not null, $"{name}: Secret {secret} does not exist");
            }
        }

        foreach (var variable in container.Maps("env"))
        {
            if (variable.At("valueFrom", "secretKeyRef") is { } secretKey)
            {
                var secret = Manifests.Find("Secret", secretKey.Text("name")!);
                Assert.True(secret is not null, $"{name}: Secret {secretKey.Text("name")} does not exist");
                Assert.True(DataKeysOf(secret).Contains(secretKey.Text("key")!), $"{name}: Secret {secret.Name} has no key {secretKey.Text("key")}");
            }

            if (variable.At("valueFrom", "configMapKeyRef") is { } mapKey)
            {
                var map = Manifests.Find("ConfigMap", mapKey.Text("name")!);
                Assert.True(map is not null && DataKeysOf(map).Contains(mapKey.Text("key")!), $"{name}: no ConfigMap key {mapKey.Text("name")}/{mapKey.Text("key")}");
            }
        }
    }

    [Theory]
    [MemberData(nameof(ServiceNames))]
    public void Deployment_selects_its_own_pods_and_a_service_exposes_the_metrics_port(string name)
    {
        var deployment = Manifests.Single("Deployment", name).Document;
        var podLabels = deployment.At("spec", "template", "metadata", "labels")!;
        var selector = deployment.At("spec", "selector", "matchLabels")!;
        Assert.All(selector.Entries, l => Assert.Equal(l.Value, podLabels.Text(l.Key)));

        var service = Manifests.Single("Service", name).Document;
        Assert.All(service.At("spec", "selector")!.Entries, l => Assert.Equal(l.Value, podLabels.Text(l.Key)));
        var port = Assert.Single(service.At("spec")!.Maps("ports"));
        Assert.Equal(MetricsPortOf(name), ContainerPortNumber(ContainerOf(name), port.Text("targetPort") ?? port.Text("port")));
    }

    [Theory]
    [MemberData(nameof(ServiceNames))]
    public void Pods_carry_prometheus_scrape_annotations_for_the_metrics_endpoint(string name)
    {
        var annotations = Manifests.Single("Deployment", name).Document.At("spec", "template", "metadata", "annotations");
        Assert.Equal("true", annotations?.Text("prometheus.io/scrape"));
        Assert.Equal(MetricsPortOf(name), annotations?.Text("prometheus.io/port"));
        Assert.Equal(ServiceDefaultsExtensions.MetricsPath, annotations?.Text("prometheus.io/path"));
        Assert.Equal("true", ConfigMapValue(name, "METRICS_ENABLE"));
    }

    [Theory]
    [MemberData(nameof(ServiceNames))]
    public void Deployment_and_compose_give_the_service_the_same_time_to_stop(string name)
    {
        var grace = ComposeFile.Load(ComposeFile.Main).Service(name).Text("stop_grace_period");
        Assert.NotNull(grace);
        Assert.EndsWith("s", grace, StringComparison.Ordinal);
        Assert.Equal(grace[..^1], PodOf(name).Text("terminationGracePeriodSeconds"));
    }

    [Fact]
    public void Ioc_sync_runs_one_replica_replaced_whole_with_its_store_on_a_persistent_volume_claim()
    {
        var name = ConnectorService.IocSync.Name;
        var spec = Manifests.Single("Deployment", name).Document.At("spec")!;
        Assert.Equal("1", spec.Text("replicas"));
        Assert.Equal("Recreate", spec.At("strategy")?.Text("type"));

        Assert.Equal(IocSyncOptions.SqliteProvider, ConfigMapValue(name, "IOC_SYNC_STORE_PROVIDER"));
        var directory = SqliteStore.DirectoryOf(ConfigMapValue(name, "IOC_SYNC_STORE"));
        var mount = ContainerOf(name).Maps("volumeMounts").SingleOrDefault(m => m.Text("mountPath") == directory);
        Assert.True(mount is not null, $"ioc-sync's store directory {directory} is not mounted");
        Assert.NotEqual("true", mount.Text("readOnly"));
        var claim = PodOf(name).Maps("volumes").Single(v => v.Text("name") == mount.Text("name")).At("persistentVolumeClaim")?.Text("claimName");
        Assert.True(claim is not null, $"ioc-sync's {directory} is not a PersistentVolumeClaim");
        var pvc = Manifests.Single("PersistentVolumeClaim", claim).Document;
        Assert.Contains("ReadWriteOnce", pvc.At("spec")!.List("accessModes").OfType<string>());
        Assert.False(string.IsNullOrEmpty(PodOf(name).At("securityContext")?.Text("fsGroup")), "ioc-sync needs an fsGroup to write to its volume as non-root");
    }

    [Fact]
    public void Reconciler_redrives_stuck_writes_on_the_queue_ioc_sync_listens_to()
    {
        Assert.Equal(RedriveStuckWritesConsumerDefinition.QueueName, ConfigMapValue(ConnectorService.Reconciler.Name, "RECONCILER_REDRIVE_QUEUE"));
    }

    [Fact]
    public void Every_config_map_and_secret_is_used_by_a_deployment()
    {
        var containers = ConnectorService.All.Select(s => ContainerOf(s.Name)).ToList();
        var referenced = containers.SelectMany(c => c.Maps("envFrom").Select(s => s.Map("configMapRef")?.Text("name") ?? s.Map("secretRef")?.Text("name")))
            .Concat(containers.SelectMany(c => c.Maps("env").Select(e => e.At("valueFrom", "secretKeyRef")?.Text("name") ?? e.At("valueFrom", "configMapKeyRef")?.Text("name"))))
            .OfType<string>()
            .ToHashSet(StringComparer.Ordinal);
        Assert.All(Manifests.OfKind("ConfigMap").Concat(Manifests.OfKind("Secret")), o => Assert.True(referenced.Contains(o.Name!), $"{o} is not used by any Deployment"));
    }

    [Fact]
    public void Secrets_live_in_the_secret_only_and_are_placeholders()
    {
        string[] secrets = ["OPENCTI_TOKEN", "CROWDSTRIKE_CLIENT_SECRET", "RABBITMQ_PASSWORD"];
        var secret = Assert.Single(Manifests.OfKind("Secret"));
        Assert.Equal(secrets.Order(StringComparer.Ordinal), DataKeysOf(secret).Order(StringComparer.Ordinal));
        Assert.All(secrets, key => Assert.Equal("ChangeMe", secret.Document.Map("stringData")?.Text(key)));
        Assert.All(Manifests.OfKind("ConfigMap"), map => Assert.DoesNotContain(DataKeysOf(map), secrets.Contains));
    }

    [Theory]
    [MemberData(nameof(ServiceNames))]
    public void Deployment_runs_the_image_compose_builds(string name)
    {
        var composeImage = ComposeFile.Load(ComposeFile.Main).Service(name).Text("image");
        Assert.NotNull(composeImage);
        var image = ContainerOf(name).Text("image");
        Assert.NotNull(image);
        Assert.Equal(ImageReference.RepositoryOf(composeImage), ImageReference.RepositoryOf(image));
        Assert.Contains(Manifests.Kustomization.Maps("images"), i => i.Text("name") == ImageReference.RepositoryOf(image));
        Assert.Equal(ImageReference.RepositoryOf(composeImage), Manifests.ImageRepositoryOf(image));
    }

    [Fact]
    public void Service_monitor_selects_the_services_by_the_kustomization_labels_and_their_port()
    {
        var monitor = YamlMap.Load(Repository.ReadText("deploy/monitoring/servicemonitor.yaml"));
        Assert.Equal("ServiceMonitor", monitor.Text("kind"));
        Assert.Equal(Manifests.Kustomization.Text("namespace"), monitor.At("metadata")?.Text("namespace"));

        var common = Manifests.Kustomization.Maps("labels").SelectMany(l => l.Map("pairs")?.Entries ?? new Dictionary<string, object?>()).ToDictionary(e => e.Key, e => e.Value);
        var selector = monitor.At("spec", "selector", "matchLabels")!;
        Assert.All(selector.Entries, l => Assert.True(common.TryGetValue(l.Key, out var value) && Equals(value, l.Value), $"the Services do not all carry {l.Key}={l.Value}"));

        var endpoint = Assert.Single(monitor.At("spec")!.Maps("endpoints"));
        Assert.Equal(ServiceDefaultsExtensions.MetricsPath, endpoint.Text("path"));
        Assert.All(Manifests.OfKind("Service"), s => Assert.Contains(s.Document.At("spec")!.Maps("ports"), p => p.Text("name") == endpoint.Text("port")));
    }

    private static YamlMap PodOf(string name) => Manifests.Single("Deployment", name).Document.At("spec", "template", "spec")!;

    private static YamlMap ContainerOf(string name) => Assert.Single(PodOf(name).Maps("containers"));

    private static string? EnvValue(YamlMap container, string variable) =>
        container.Maps("env").SingleOrDefault(e => e.Text("name") == variable)?.Text("value");

    /// <summary>METRICS_PORT as the Deployment sets it; it must be the port the container declares.</summary>
    private static string MetricsPortOf(string name)
    {
        var port = EnvValue(ContainerOf(name), "METRICS_PORT");
        Assert.False(string.IsNullOrEmpty(port), $"Deployment {name} does not set METRICS_PORT next to its container port");
        Assert.Contains(ContainerOf(name).Maps("ports"), p => p.Text("containerPort") == port);
        return port;
    }

    /// <summary>The number of a container port given by name or number.</summary>
    private static string? ContainerPortNumber(YamlMap container, string? port) =>
        container.Maps("ports").FirstOrDefault(p => p.Text("name") == port || p.Text("containerPort") == port)?.Text("containerPort");

    private static HashSet<string> DataKeysOf(KubernetesObject o) =>
        (o.Document.Map("data")?.Keys ?? []).Concat(o.Document.Map("stringData")?.Keys ?? []).ToHashSet(StringComparer.Ordinal);

    /// <summary>Every variable a Deployment's container gets: env entries and the keys of the ConfigMaps and Secrets it takes whole.</summary>
    private static IReadOnlyList<string> EnvironmentOf(string name)
    {
        var container = ContainerOf(name);
        var fromObjects = container.Maps("envFrom").SelectMany(source =>
            source.Map("configMapRef")?.Text("name") is { } map ? DataKeysOf(Manifests.Single("ConfigMap", map))
            : source.Map("secretRef")?.Text("name") is { } secret ? DataKeysOf(Manifests.Single("Secret", secret))
            : new HashSet<string>());
        return [.. container.Maps("env").Select(e => e.Text("name")).OfType<string>().Concat(fromObjects)];
    }

    /// <summary>A variable's value for a Deployment, from its env or the ConfigMaps it takes whole.</summary>
    private static string? ConfigMapValue(string name, string variable)
    {
        var container = ContainerOf(name);
        return EnvValue(container, variable)
            ?? container.Maps("envFrom").Select(s => s.Map("configMapRef")?.Text("name")).OfType<string>()
                .Select(map => Manifests.Single("ConfigMap", map).Document.Map("data")?.Text(variable))
                .FirstOrDefault(v => v is not null);
    }
}
