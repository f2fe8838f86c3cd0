using Connector.Hosting.Settings;
using Deployment.Tests.Support;

namespace Deployment.Tests;

/// <summary>docker-compose.opencti-rabbitmq.yml: the services on OpenCTI's broker instead of the bundled one.</summary>
public sealed class OpenCtiRabbitMqOverrideTests
{
    private static readonly ComposeFile Main = ComposeFile.Load(ComposeFile.Main);
    private static readonly ComposeFile Override = ComposeFile.Load(ComposeFile.OpenCtiRabbitMqOverride);

    public static TheoryData<string> ServiceNames => [.. ConnectorService.All.Select(s => s.Name)];

    [Fact]
    public void Override_changes_only_services_of_the_main_file()
    {
        Assert.All(Override.Services.Keys, name => Assert.Contains(name, Main.Services.Keys));
    }

    [Fact]
    public void Bundled_broker_is_switched_off_and_nothing_requires_it()
    {
        Assert.NotEmpty(Override.Service("rabbitmq").List("profiles"));
        foreach (var (name, service) in Main.Services)
        {
            if (ComposeFile.DependenciesOf(service).TryGetValue("rabbitmq", out var options))
            {
                Assert.True(options.Text("required") == "false", $"{name} requires the bundled rabbitmq, so the override cannot switch it off");
            }
        }
    }

    [Theory]
    [MemberData(nameof(ServiceNames))]
    public void Each_service_gets_every_broker_setting_from_the_environment(string name)
    {
        var environment = ComposeFile.EnvironmentOf(Override.Service(name));
        var settings = ServiceSettings.Of(ConnectorService.Named(name));
        var broker = settings.Settings.Where(s => s.Section == RabbitMqOptions.SectionName && s.Key != "prefetch_count").Select(s => s.EnvironmentVariable);

        Assert.All(broker, variable =>
        {
            Assert.True(environment.TryGetValue(variable, out var value), $"{name}: the override does not set {variable}");
            Assert.Equal(variable, Substitution.OfWholeValue(value)?.Name);
        });
        Assert.All(environment.Keys, variable => Assert.Null(settings.ProblemWith(variable)));
    }

    [Fact]
    public void Networks_the_services_join_are_declared()
    {
        var declared = Override.Root.Map("networks")?.Keys.Append("default").ToHashSet(StringComparer.Ordinal) ?? ["default"];
        foreach (var (name, service) in Override.Services)
        {
            Assert.All(service.List("networks").OfType<string>(), network => Assert.True(declared.Contains(network), $"{name} joins undeclared network {network}"));
        }
    }
}
