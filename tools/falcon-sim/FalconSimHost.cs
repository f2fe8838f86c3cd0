using System.Net;
using FalconSim.Auth;
using FalconSim.Limits;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace FalconSim;

/// <summary>
/// The simulator hosted in-process for tests: Kestrel on a free loopback port, with direct access to its
/// options (live), store and counters.
/// </summary>
public sealed class FalconSimHost : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly Parts parts;

    private FalconSimHost(WebApplication app, Uri baseAddress)
    {
        this.app = app;
        BaseAddress = baseAddress;
        parts = app.Services.GetRequiredService<Parts>();
    }

    /// <summary>Where the simulator listens, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri BaseAddress { get; }

    /// <summary>The live switches: changes take effect on the next request.</summary>
    public FalconSimOptions Options => parts.Options;

    /// <summary>The IOCs: snapshot, seed, counts.</summary>
    public FalconSimStore Store => parts.Store;

    /// <summary>Requests by endpoint and status, 429s sent, faults injected.</summary>
    public FalconSimCounters Counters => parts.Counters;

    /// <summary>Starts a simulator on <c>http://127.0.0.1:0</c>.</summary>
    public static async Task<FalconSimHost> StartAsync(FalconSimOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new FalconSimOptions();
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(FalconSimHost).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
            EnvironmentName = "Production",
        });
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var app = FalconSimApp.Build(builder, options);
        try
        {
            await app.StartAsync(cancellationToken);
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            return new FalconSimHost(app, new Uri(address.EndsWith('/') ? address : address + "/"));
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
    }

    /// <summary>Makes every issued token invalid now: the next API call with one gets 401 (the <c>/_sim/tokens/expire</c> hook).</summary>
    public int ExpireAllTokens() => parts.Tokens.ExpireAll();

    /// <summary>Empties the store, zeroes the counters and rate windows and cancels a pending 429 burst; tokens stay valid.</summary>
    public void Reset() => parts.Reset();

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }

    /// <summary>The simulator's singletons that the host and the reset hook act on together.</summary>
    internal sealed class Parts(FalconSimOptions options, FalconSimStore store, FalconSimCounters counters, TokenRegistry tokens, RateLimits limits)
    {
        public FalconSimOptions Options => options;

        public FalconSimStore Store => store;

        public FalconSimCounters Counters => counters;

        public TokenRegistry Tokens => tokens;

        public void Reset()
        {
            store.Reset();
            counters.Reset();
            limits.Clear();
            options.ClearRateLimitBurst();
        }
    }
}
