using System.Net;
using Connector.Hosting.Tests.Support;
using OpenCtiSim;

namespace Connector.Hosting.Tests.Hosting;

/// <summary>
/// The three services' real Programs, started as processes against the real broker and an OpenCTI simulator
/// (stream-ingest is ready only once its live stream is connected).
/// </summary>
[Collection(RabbitMqTests.Name)]
public sealed class ServiceProcessTests(RabbitMqBroker broker) : IAsyncLifetime
{
    private OpenCtiSimHost _opencti = null!;

    public async Task InitializeAsync() => _opencti = await OpenCtiSimHost.StartAsync();

    public async Task DisposeAsync() => await _opencti.DisposeAsync();

    public static TheoryData<string> Services => new() { "Connector.StreamIngest", "Connector.IocSync", "Connector.Reconciler" };

    private Dictionary<string, string?> ValidEnvironment(int port)
    {
        var environment = new Dictionary<string, string?>(broker.Variables)
        {
            ["OPENCTI_URL"] = _opencti.BaseAddress.ToString(),
            ["OPENCTI_TOKEN"] = _opencti.Options.Token,
            ["CONNECTOR_ID"] = "6f1c3a52-8b0e-4e5c-9d7e-2a4b8f0c1d93",
            ["CONNECTOR_LIVE_STREAM_ID"] = _opencti.Options.LiveStreamId,
            ["CROWDSTRIKE_API_BASE_URL"] = "http://127.0.0.1:9",
            ["CROWDSTRIKE_CLIENT_ID"] = "0d9a3b7e2f489e2c7a1455b04f3d8c61",
            ["CROWDSTRIKE_CLIENT_SECRET"] = "falcon-secret-never-logged",
            ["METRICS_ENABLE"] = "true",
            ["METRICS_ADDR"] = "127.0.0.1",
            ["METRICS_PORT"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        return environment;
    }

    [Theory]
    [MemberData(nameof(Services))]
    public async Task The_service_starts_against_rabbitmq_and_answers_ready_live_and_metrics_on_the_metrics_port(string service)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        using var directory = new TempDirectory();
        var port = ServiceProcess.FreeLoopbackPort();
        await using var process = ServiceProcess.Start(service, ValidEnvironment(port), directory.Path);
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };

        var ready = await PollUntilOkAsync(http, "/health/ready", process, timeout.Token);
        var live = await http.GetAsync(new Uri("/health/live", UriKind.Relative), timeout.Token);
        var metrics = await http.GetAsync(new Uri("/metrics", UriKind.Relative), timeout.Token);

        Assert.Contains("\"masstransit-bus\":{\"status\":\"Healthy\"", ready, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal(HttpStatusCode.OK, metrics.StatusCode);
        Assert.Contains("# TYPE", await metrics.Content.ReadAsStringAsync(timeout.Token), StringComparison.Ordinal);
        Assert.StartsWith("{\"@t\":", process.StandardOutput, StringComparison.Ordinal); // JSON logs by default
        Assert.DoesNotContain(_opencti.Options.Token, process.StandardOutput, StringComparison.Ordinal);
        Assert.DoesNotContain("falcon-secret-never-logged", process.StandardOutput, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Services))]
    public async Task A_bad_setting_stops_the_service_with_exit_code_2_and_one_clear_message(string service)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        using var directory = new TempDirectory();
        var environment = ValidEnvironment(ServiceProcess.FreeLoopbackPort());
        environment["RABBITMQ_PORT"] = "amqp";
        environment["CONNECTOR_LOG_LEVEL"] = "chatty";
        await using var process = ServiceProcess.Start(service, environment, directory.Path);

        var exitCode = await process.WaitForExitAsync(timeout.Token);

        Assert.Equal(2, exitCode);
        var error = process.StandardError;
        Assert.Contains("cannot start: 2 settings need fixing.", error, StringComparison.Ordinal);
        Assert.Contains("  - RABBITMQ_PORT (rabbitmq.port) must be a whole number, got 'amqp'.", error, StringComparison.Ordinal);
        Assert.Contains("  - CONNECTOR_LOG_LEVEL (connector.log_level) is 'chatty'", error, StringComparison.Ordinal);
        Assert.Contains(Path.Combine(directory.Path, "config.yml") + " (not found)", error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal); // no stack trace
        Assert.DoesNotContain("Unhandled exception", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ioc_sync_refuses_prevent_for_ip_addresses_naming_the_setting()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        using var directory = new TempDirectory();
        var environment = ValidEnvironment(ServiceProcess.FreeLoopbackPort());
        environment["CROWDSTRIKE_ACTION_ON_IP"] = "prevent";
        await using var process = ServiceProcess.Start("Connector.IocSync", environment, directory.Path);

        Assert.Equal(2, await process.WaitForExitAsync(timeout.Token));
        Assert.StartsWith(
            "ioc-sync cannot start: 1 setting needs fixing." + Environment.NewLine
            + "  - CROWDSTRIKE_ACTION_ON_IP (crowdstrike.action_on_ip) is 'prevent', but Falcon allows only no_action or detect for IP addresses",
            process.StandardError,
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_malformed_config_yml_stops_the_service_naming_the_file_and_line()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        using var directory = new TempDirectory();
        var file = directory.Write("config.yml", "crowdstrike:\n  action_on_ip: [detect\n");
        await using var process = ServiceProcess.Start("Connector.IocSync", ValidEnvironment(ServiceProcess.FreeLoopbackPort()), directory.Path);

        Assert.Equal(2, await process.WaitForExitAsync(timeout.Token));
        Assert.Contains($"The configuration file {file} is not usable at line ", process.StandardError, StringComparison.Ordinal);
        Assert.Contains(file + " (found)", process.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Config_yml_settings_reach_the_service_and_the_environment_wins_over_them()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        using var directory = new TempDirectory();
        directory.Write("config.yml", "crowdstrike:\n  action_on_ip: prevent\n  action_on_domain: prevent\n");
        var environment = ValidEnvironment(ServiceProcess.FreeLoopbackPort());
        environment["CROWDSTRIKE_ACTION_ON_DOMAIN"] = "detect";
        await using var process = ServiceProcess.Start("Connector.IocSync", environment, directory.Path);

        Assert.Equal(2, await process.WaitForExitAsync(timeout.Token));
        Assert.Contains("cannot start: 1 setting needs fixing.", process.StandardError, StringComparison.Ordinal);
        Assert.Contains("CROWDSTRIKE_ACTION_ON_IP (crowdstrike.action_on_ip) is 'prevent'", process.StandardError, StringComparison.Ordinal);
    }

    private static async Task<string> PollUntilOkAsync(HttpClient http, string path, ServiceProcess process, CancellationToken cancellationToken)
    {
        while (true)
        {
            Assert.False(process.HasExited, $"The service exited early.{Environment.NewLine}{process.StandardOutput}{process.StandardError}");
            try
            {
                using var response = await http.GetAsync(new Uri(path, UriKind.Relative), cancellationToken);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return await response.Content.ReadAsStringAsync(cancellationToken);
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(200, cancellationToken);
        }
    }
}
