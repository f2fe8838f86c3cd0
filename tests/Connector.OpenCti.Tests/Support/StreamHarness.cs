using Connector.OpenCti.State;
using Connector.OpenCti.LiveStream;
using Microsoft.Extensions.DependencyInjection;

namespace Connector.OpenCti.Tests.Support;

/// <summary>A <see cref="LiveStreamClient"/> wired as in production, over a scripted handler instead of the network.</summary>
internal sealed class StreamHarness : IDisposable
{
    public const string Token = "secret-token-4f2a";

    private readonly ServiceProvider provider;

    public StreamHarness(LiveStreamSettings? settings = null)
    {
        Settings = settings ?? Fast(new LiveStreamSettings("live-1"));
        var services = new ServiceCollection().AddLogging();
        services.AddOpenCtiClient(new OpenCtiConnection(new Uri("http://opencti.test/base"), Token));
        services.AddOpenCtiLiveStream(Settings);
        services.AddHttpClient(LiveStreamClient.HttpClientName).ConfigurePrimaryHttpMessageHandler(() => Handler);
        provider = services.BuildServiceProvider();
        Client = provider.GetRequiredService<LiveStreamClient>();
    }

    public ScriptedHttpHandler Handler { get; } = new();

    public LiveStreamSettings Settings { get; }

    public LiveStreamClient Client { get; }

    public static LiveStreamSettings Fast(LiveStreamSettings settings) => settings with
    {
        InitialReconnectDelay = TimeSpan.FromMilliseconds(5),
        MaxReconnectDelay = TimeSpan.FromMilliseconds(20),
    };

    /// <summary>Reads until <paramref name="until"/> matches an event (included), then stops the reader.</summary>
    public async Task<List<StreamEvent>> ReadUntilAsync(ConnectorState start, Func<StreamEvent, bool> until, TimeSpan? timeout = null)
    {
        using var cancellation = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(20));
        var events = new List<StreamEvent>();
        await foreach (var streamEvent in Client.ReadAsync(start, cancellation.Token))
        {
            events.Add(streamEvent);
            if (until(streamEvent))
            {
                break;
            }
        }

        return events;
    }

    public void Dispose() => provider.Dispose();
}
