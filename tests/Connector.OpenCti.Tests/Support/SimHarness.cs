using Connector.OpenCti.GraphQl;
using Connector.OpenCti.LiveStream;
using Connector.OpenCti.State;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenCtiSim;

namespace Connector.OpenCti.Tests.Support;

/// <summary>An in-process OpenCTI simulator on loopback and the client wired to it as a service would wire it.</summary>
internal sealed class SimHarness : IAsyncDisposable
{
    public const string ConnectorId = "8f3c2f4e-6a39-4cde-9f4b-0a8c2b1e7d55";

    private readonly ServiceProvider provider;

    private SimHarness(OpenCtiSimHost sim, string token, LiveStreamSettings settings)
    {
        Sim = sim;
        Settings = settings;
        var services = new ServiceCollection().AddLogging();
        services.AddOpenCtiClient(
            new OpenCtiConnection(sim.BaseAddress, token),
            resilience =>
            {
                // Quick retries: the simulator's injected 500s must not slow the suite down.
                resilience.Retry.Delay = TimeSpan.FromMilliseconds(10);
                resilience.Retry.UseJitter = false;
            });
        services.AddOpenCtiLiveStream(settings);
        services.AddOpenCtiConnectorState(Identity);
        provider = services.BuildServiceProvider();
    }

    public static ConnectorIdentity Identity { get; } = new(ConnectorId, ConnectorIdentity.DefaultName, "crowdstrike, other");

    public OpenCtiSimHost Sim { get; }

    public OpenCtiSimPlatform Platform => Sim.Platform;

    public LiveStreamSettings Settings { get; }

    public LiveStreamClient Stream => provider.GetRequiredService<LiveStreamClient>();

    public OpenCtiGraphQlClient GraphQl => provider.GetRequiredService<OpenCtiGraphQlClient>();

    public ConnectorStateKeeper Keeper => provider.GetRequiredService<ConnectorStateKeeper>();

    public ILogger<T> Logger<T>() => provider.GetRequiredService<ILogger<T>>();

    public T Services<T>()
        where T : notnull => provider.GetRequiredService<T>();

    public static async Task<SimHarness> StartAsync(OpenCtiSimOptions? options = null, string? token = null, string? streamId = null)
    {
        var sim = await OpenCtiSimHost.StartAsync(options ?? new OpenCtiSimOptions { HeartbeatInterval = TimeSpan.FromMilliseconds(250) });
        var settings = new LiveStreamSettings(streamId ?? sim.Options.LiveStreamId)
        {
            InitialReconnectDelay = TimeSpan.FromMilliseconds(20),
            MaxReconnectDelay = TimeSpan.FromMilliseconds(200),
            StallTimeout = TimeSpan.FromSeconds(10),
        };
        return new SimHarness(sim, token ?? sim.Options.Token, settings);
    }

    public async ValueTask DisposeAsync()
    {
        await provider.DisposeAsync();
        await Sim.DisposeAsync();
    }
}
