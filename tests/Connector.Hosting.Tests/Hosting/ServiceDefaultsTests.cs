using System.Collections;
using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Connector.Hosting.ServiceDefaults;
using Connector.Hosting.Tests.Support;
using Connector.IocSync;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Serilog.Events;

namespace Connector.Hosting.Tests.Hosting;

public sealed class ServiceDefaultsTests
{
    private static WebApplicationBuilder Builder(TempDirectory directory, Hashtable environment, TextWriter log, string serviceName = "test-service")
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = ["--urls=http://127.0.0.1:0"],
            ContentRootPath = directory.Path,
            EnvironmentName = "Production",
        });
        builder.AddServiceDefaults(serviceName, ["Connector.Tests"], environment, directory.Path, log);
        return builder;
    }

    private static Uri Address(WebApplication app) =>
        new(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());

    [Fact]
    public async Task Health_endpoints_answer_and_metrics_stay_off_unless_enabled()
    {
        using var directory = new TempDirectory();
        await using var app = Builder(directory, new Hashtable(), TextWriter.Null).Build();
        app.MapDefaultEndpoints();
        await app.StartAsync();
        using var http = new HttpClient { BaseAddress = Address(app) };

        using var live = await http.GetAsync(new Uri("/health/live", UriKind.Relative));
        using var ready = await http.GetAsync(new Uri("/health/ready", UriKind.Relative));
        using var metrics = await http.GetAsync(new Uri("/metrics", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal("application/json; charset=utf-8", live.Content.Headers.ContentType?.ToString());
        using var liveJson = JsonDocument.Parse(await live.Content.ReadAsStringAsync());
        Assert.Equal("Healthy", liveJson.RootElement.GetProperty("status").GetString());
        Assert.Equal("Healthy", liveJson.RootElement.GetProperty("checks").GetProperty("self").GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, metrics.StatusCode);
        await app.StopAsync();
    }

    [Fact]
    public async Task With_metrics_enabled_prometheus_text_is_served_at_metrics()
    {
        using var directory = new TempDirectory();
        await using var app = Builder(directory, new Hashtable { ["METRICS_ENABLE"] = "True" }, TextWriter.Null).Build();
        app.MapDefaultEndpoints();
        await app.StartAsync();
        using var http = new HttpClient { BaseAddress = Address(app) };
        using (await http.GetAsync(new Uri("/health/live", UriKind.Relative)))
        {
        }

        using var metrics = await http.GetAsync(new Uri("/metrics", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, metrics.StatusCode);
        var text = await metrics.Content.ReadAsStringAsync();
        Assert.Contains("# TYPE", text, StringComparison.Ordinal);
        Assert.Contains("test-service", text, StringComparison.Ordinal); // target_info carries the service name
        await app.StopAsync();
    }

    [Fact]
    public async Task A_failing_ready_check_answers_503()
    {
        using var directory = new TempDirectory();
        var builder = Builder(directory, new Hashtable(), TextWriter.Null);
        builder.Services.AddHealthChecks().AddCheck(
            "broker",
            () => Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckResult.Unhealthy("not connected"),
            [ServiceDefaultsExtensions.ReadyTag]);
        await using var app = builder.Build();
        app.MapDefaultEndpoints();
        await app.StartAsync();
        using var http = new HttpClient { BaseAddress = Address(app) };

        using var ready = await http.GetAsync(new Uri("/health/ready", UriKind.Relative));
        using var live = await http.GetAsync(new Uri("/health/live", UriKind.Relative));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        Assert.Contains("not connected", await ready.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        await app.StopAsync();
    }

    [Fact]
    public async Task Run_connector_returns_2_and_lists_every_bad_setting_without_starting()
    {
        using var directory = new TempDirectory();
        var environment = new Hashtable
        {
            ["CROWDSTRIKE_ACTION_ON_IP"] = "prevent",
            ["CROWDSTRIKE_PERMANENT_DELETE"] = "true",
            ["CONNECTOR_LIVE_STREAM_LISTEN_DELETE"] = "false",
            ["METRICS_PORT"] = "99999",
            ["RABBITMQ_PASSWORD"] = "do-not-print-me",
            ["CROWDSTRIKE_CLIENT_ID"] = "0d9a3b7e2f489e2c7a1455b04f3d8c61",
            ["CROWDSTRIKE_CLIENT_SECRET"] = "do-not-print-me-either",
        };
        var builder = Builder(directory, environment, TextWriter.Null, "ioc-sync");
        builder.Services.AddIocSyncServices(builder.Configuration);
        var app = builder.Build();
        app.MapDefaultEndpoints();
        var errors = new StringWriter();

        var exitCode = await app.RunConnectorAsync(errors, CancellationToken.None);

        Assert.Equal(ConnectorHostExtensions.InvalidConfigurationExitCode, exitCode);
        var lines = errors.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("ioc-sync cannot start: 3 settings need fixing.", lines[0]);
        Assert.Equal(3, lines.Count(line => line.StartsWith("  - ", StringComparison.Ordinal)));
        Assert.Contains(lines, line => line.StartsWith("  - METRICS_PORT (metrics.port) is 99999", StringComparison.Ordinal));
        Assert.Contains(lines, line => line.StartsWith("  - CROWDSTRIKE_ACTION_ON_IP (crowdstrike.action_on_ip) is 'prevent'", StringComparison.Ordinal));
        Assert.Contains(lines, line => line.StartsWith("  - CROWDSTRIKE_PERMANENT_DELETE (crowdstrike.permanent_delete) is true", StringComparison.Ordinal));
        Assert.Equal(
            $"Settings are read from environment variables first, then {Path.Combine(directory.Path, "config.yml")} (not found), then defaults.",
            lines[^1]);
        Assert.DoesNotContain("do-not-print-me", errors.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("do-not-print-me-either", errors.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_service_that_stops_itself_while_starting_ends_as_a_stop_not_a_crash()
    {
        using var directory = new TempDirectory();
        var builder = Builder(directory, new Hashtable(), TextWriter.Null);
        builder.Services.AddHostedService<StopsWhileStarting>();
        var app = builder.Build();
        var stopping = app.Lifetime.ApplicationStopping;

        var exitCode = await app.RunConnectorAsync(new StringWriter(), CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(0, exitCode);
        Assert.True(stopping.IsCancellationRequested);
    }

    [Fact]
    public async Task A_malformed_config_file_is_reported_at_start_with_the_other_problems()
    {
        using var directory = new TempDirectory();
        var file = directory.Write("config.yml", "metrics:\n  port: 9113\n   addr: x\n");
        var builder = Builder(directory, new Hashtable { ["CONNECTOR_LOG_FORMAT"] = "yaml" }, TextWriter.Null);
        var app = builder.Build();
        var errors = new StringWriter();

        Assert.Equal(2, await app.RunConnectorAsync(errors, CancellationToken.None));

        var text = errors.ToString();
        Assert.Contains("cannot start: 2 settings need fixing.", text, StringComparison.Ordinal);
        Assert.Contains($"  - The configuration file {file} is not usable at line 3, column ", text, StringComparison.Ordinal);
        Assert.Contains("  - CONNECTOR_LOG_FORMAT (connector.log_format) is 'yaml'", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Json_logs_carry_the_rendered_message_level_service_and_trace_ids()
    {
        var output = new StringWriter();
        using var logger = ConnectorLogging.Configure(new Serilog.LoggerConfiguration(), "ioc-sync", LogEventLevel.Information, json: true, output)
            .CreateLogger();
        using var activity = new Activity("sync").Start();

        logger.Information("Created {Count} IOCs for {Stream}", 3, "live");
        logger.Debug("hidden at info");

        var line = Assert.Single(output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
        using var json = JsonDocument.Parse(line);
        var root = json.RootElement;
        Assert.Equal("Created 3 IOCs for \"live\"", root.GetProperty("@m").GetString());
        Assert.False(root.TryGetProperty("@l", out _)); // Information is the compact format's implicit level
        Assert.Equal("ioc-sync", root.GetProperty("service").GetString());
        Assert.Equal(3, root.GetProperty("Count").GetInt32());
        Assert.Equal(activity.TraceId.ToHexString(), root.GetProperty("@tr").GetString());
        Assert.Equal(activity.SpanId.ToHexString(), root.GetProperty("@sp").GetString());
    }

    [Fact]
    public void Text_logs_are_readable_lines_with_the_trace_id()
    {
        var output = new StringWriter();
        using var logger = ConnectorLogging.Configure(new Serilog.LoggerConfiguration(), "ioc-sync", LogEventLevel.Debug, json: false, output)
            .CreateLogger();
        using var activity = new Activity("sync").Start();

        logger.ForContext(Serilog.Core.Constants.SourceContextPropertyName, "Connector.IocSync.Writer").Debug("Batch of {Size}", 12);

        var text = output.ToString();
        Assert.Contains("[DBG] Connector.IocSync.Writer: Batch of 12 " + activity.TraceId.ToHexString(), text, StringComparison.Ordinal);
        Assert.DoesNotContain("{", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_log_level_setting_filters_the_services_logs()
    {
        using var directory = new TempDirectory();
        var output = new StringWriter();
        await using var app = Builder(directory, new Hashtable { ["CONNECTOR_LOG_LEVEL"] = "warn" }, output).Build();
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Connector.Tests");

#pragma warning disable CA1848 // a plain call is the point of this test
        logger.LogInformation("info line");
        logger.LogWarning("warning line");
#pragma warning restore CA1848

        var text = output.ToString();
        Assert.DoesNotContain("info line", text, StringComparison.Ordinal);
        Assert.Contains("warning line", text, StringComparison.Ordinal);
    }

    /// <summary>Stops the application from inside the host's start and waits there, as a refused stream does.</summary>
    private sealed class StopsWhileStarting(IHostApplicationLifetime lifetime) : IHostedService
    {
        public async Task StartAsync(CancellationToken cancellationToken)
        {
            lifetime.StopApplication();
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
