using Connector.Hosting.Settings;
using Connector.Hosting.Tests.Support;

namespace Connector.Hosting.Tests.Settings;

public sealed class MetricsAndRabbitMqOptionsTests
{
    private static IReadOnlyList<string> MetricsFailures(Dictionary<string, string?> environment) =>
        SettingsProbe.StartupFailures(environment, (services, configuration) => services.AddMetricsOptions(configuration));

    private static IReadOnlyList<string> RabbitFailures(Dictionary<string, string?> environment) =>
        SettingsProbe.StartupFailures(environment, (services, configuration) => services.AddRabbitMqOptions(configuration));

    [Fact]
    public void Metrics_defaults_are_the_python_connectors()
    {
        var metrics = SettingsProbe.Bind<MetricsOptions>([], (services, configuration) => services.AddMetricsOptions(configuration));

        Assert.False(metrics.Enable);
        Assert.Equal("0.0.0.0", metrics.Addr);
        Assert.Equal(9113, metrics.Port);
        Assert.Equal("http://0.0.0.0:9113", metrics.ListenUrl);
    }

    [Theory]
    [InlineData("0.0.0.0", 9113, "http://0.0.0.0:9113")]
    [InlineData("127.0.0.1", 80, "http://127.0.0.1:80")]
    [InlineData("::", 9113, "http://[::]:9113")]
    [InlineData("::1", 9000, "http://[::1]:9000")]
    [InlineData("localhost", 9113, "http://localhost:9113")]
    public void Listen_url_brackets_ipv6_addresses(string addr, int port, string expected)
    {
        Assert.Equal(expected, new MetricsOptions { Addr = addr, Port = port }.ListenUrl);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("65536")]
    [InlineData("-1")]
    public void A_metrics_port_out_of_range_is_refused(string port)
    {
        Assert.Equal(
            [$"METRICS_PORT (metrics.port) is {port}: set it to a TCP port between 1 and 65535 (default 9113)."],
            MetricsFailures(new() { ["METRICS_PORT"] = port }));
    }

    [Fact]
    public void A_metrics_address_that_is_not_an_ip_is_refused()
    {
        Assert.Equal(
            ["METRICS_ADDR (metrics.addr) is 'metrics.example', which is not an IP address: set it to the address to listen on, e.g. 0.0.0.0 (every IPv4 interface, the default), :: or 127.0.0.1."],
            MetricsFailures(new() { ["METRICS_ADDR"] = "metrics.example" }));
    }

    [Fact]
    public void Rabbitmq_defaults_reach_a_local_broker()
    {
        var rabbit = SettingsProbe.Bind<RabbitMqOptions>([], (services, configuration) => services.AddRabbitMqOptions(configuration));

        Assert.Equal("localhost", rabbit.Host);
        Assert.Equal(5672, rabbit.Port);
        Assert.Equal("/", rabbit.VirtualHost);
        Assert.Equal("guest", rabbit.Username);
        Assert.Equal("guest", rabbit.Password);
        Assert.False(rabbit.UseSsl);
        Assert.Null(rabbit.PrefetchCount);
    }

    [Fact]
    public void Rabbitmq_settings_bind_from_their_variables()
    {
        var rabbit = SettingsProbe.Bind<RabbitMqOptions>(
            new()
            {
                ["RABBITMQ_HOST"] = "rabbitmq",
                ["RABBITMQ_PORT"] = "5671",
                ["RABBITMQ_VHOST"] = "connector",
                ["RABBITMQ_USERNAME"] = "svc",
                ["RABBITMQ_PASSWORD"] = "pw",
                ["RABBITMQ_USE_SSL"] = "True",
                ["RABBITMQ_PREFETCH_COUNT"] = "64",
            },
            (services, configuration) => services.AddRabbitMqOptions(configuration));

        Assert.Equal(("rabbitmq", 5671, "connector", "svc", "pw", true, (int?)64),
            (rabbit.Host, rabbit.Port, rabbit.VirtualHost, rabbit.Username, rabbit.Password, rabbit.UseSsl, rabbit.PrefetchCount));
    }

    public static TheoryData<string, string, string> BadRabbitValues => new()
    {
        {
            "RABBITMQ_PORT", "70000",
            "RABBITMQ_PORT (rabbitmq.port) is 70000: set it to the broker's AMQP port between 1 and 65535 (5672 by default, usually 5671 with TLS)."
        },
        {
            "RABBITMQ_HOST", "amqp://rabbitmq:5672",
            "RABBITMQ_HOST (rabbitmq.host) is 'amqp://rabbitmq:5672', which is not a host name: set it to the broker's host name or IP address only, e.g. rabbitmq; the port, virtual host and credentials have settings of their own."
        },
        {
            "RABBITMQ_PREFETCH_COUNT", "0",
            "RABBITMQ_PREFETCH_COUNT (rabbitmq.prefetch_count) is 0: set it between 1 and 65535, or leave it unset for MassTransit's default."
        },
    };

    [Theory]
    [MemberData(nameof(BadRabbitValues))]
    public void A_bad_rabbitmq_value_is_refused_with_the_fix(string variable, string value, string expected)
    {
        Assert.Equal([expected], RabbitFailures(new() { [variable] = value }));
    }
}
