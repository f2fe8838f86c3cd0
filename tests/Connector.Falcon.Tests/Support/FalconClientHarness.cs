using System.Globalization;
using Connector.Falcon.Auth;
using Connector.Falcon.RateLimiting;
using Connector.Falcon.Telemetry;
using FalconSim;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Connector.Falcon.Tests.Support;

/// <summary>
/// The Falcon client as a service would get it from <c>AddFalconClient</c>, pointed at a simulator on loopback,
/// with its logs captured and its wire traffic recorded.
/// </summary>
public sealed class FalconClientHarness : IAsyncDisposable
{
    private readonly ServiceProvider _provider;

    private FalconClientHarness(ServiceProvider provider, CapturingLoggerProvider logs, WireLog wire)
    {
        _provider = provider;
        Logs = logs;
        Wire = wire;
    }

    public IFalconIocClient Client => _provider.GetRequiredService<IFalconIocClient>();

    public FalconTokenProvider Tokens => _provider.GetRequiredService<FalconTokenProvider>();

    public FalconRateLimiter Limiter => _provider.GetRequiredService<FalconRateLimiter>();

    public FalconClientStatistics Statistics => _provider.GetRequiredService<IFalconClientStatistics>().Snapshot();

    public CapturingLoggerProvider Logs { get; }

    public WireLog Wire { get; }

    public IServiceProvider Services => _provider;

    public static FalconClientHarness For(
        FalconSimHost sim,
        string? clientId = null,
        string? clientSecret = null,
        IReadOnlyDictionary<string, string?>? settings = null,
        TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(sim);
        var values = new Dictionary<string, string?>
        {
            ["crowdstrike:api_base_url"] = sim.BaseAddress.ToString(),
            ["crowdstrike:client_id"] = clientId ?? sim.Options.ClientId,
            ["crowdstrike:client_secret"] = clientSecret ?? sim.Options.ClientSecret,
            ["crowdstrike:request_timeout"] = "20",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            values["crowdstrike:" + key] = value;
        }

        var logs = new CapturingLoggerProvider();
        var wire = new WireLog();
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.AddProvider(logs).SetMinimumLevel(LogLevel.Trace));
        if (time is not null)
        {
            services.AddSingleton(time);
        }

        services.AddFalconClient(new ConfigurationBuilder().AddInMemoryCollection(values).Build().GetSection("crowdstrike"));

        // Innermost, after the client's own handlers: sees exactly what goes on the wire.
        services.AddHttpClient(FalconServiceCollectionExtensions.ApiHttpClientName).AddHttpMessageHandler(() => new RecordingHandler(wire));
        return new FalconClientHarness(services.BuildServiceProvider(validateScopes: true), logs, wire);
    }

    public static string Setting(double value) => value.ToString(CultureInfo.InvariantCulture);

    public ValueTask DisposeAsync() => _provider.DisposeAsync();
}
