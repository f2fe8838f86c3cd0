using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using OpenCtiSim.Hosting;

namespace OpenCtiSim;

/// <summary>
/// The simulator hosted in-process on Kestrel at <c>http://127.0.0.1:&lt;free port&gt;</c>, for tests:
/// <code>
/// await using var sim = await OpenCtiSimHost.StartAsync(new OpenCtiSimOptions { SeedIndicators = 100 });
/// var stream = new Uri(sim.BaseAddress, $"stream/{sim.Options.LiveStreamId}");
/// </code>
/// </summary>
public sealed class OpenCtiSimHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private OpenCtiSimHost(WebApplication app, OpenCtiSimPlatform platform, Uri baseAddress)
    {
        _app = app;
        Platform = platform;
        BaseAddress = baseAddress;
    }

    /// <summary>The root of the platform, with a trailing slash (<c>http://127.0.0.1:port/</c>).</summary>
    public Uri BaseAddress { get; }

    public OpenCtiSimOptions Options => Platform.Options;

    /// <summary>The data and the switches; changes show on the stream and in GraphQL at once.</summary>
    public OpenCtiSimPlatform Platform { get; }

    /// <summary>Starts a simulator on a free loopback port.</summary>
    public static async Task<OpenCtiSimHost> StartAsync(OpenCtiSimOptions? options = null, CancellationToken cancellationToken = default)
    {
        var platform = new OpenCtiSimPlatform(options);
        var app = SimApplication.Build([], platform, loopbackPort: 0);
        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        return new OpenCtiSimHost(app, platform, new Uri(address.TrimEnd('/') + "/"));
    }

    /// <summary>Cuts the live connections and stops the server.</summary>
    public async ValueTask DisposeAsync()
    {
        Platform.DropConnections();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
