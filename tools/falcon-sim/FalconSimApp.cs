using FalconSim.Auth;
using FalconSim.Http;
using FalconSim.Limits;
using FalconSim.Validation;

namespace FalconSim;

/// <summary>
/// The simulator's services and endpoints, shared by the standalone <c>Program.cs</c> and the in-process
/// <see cref="FalconSimHost"/>, so both behave the same.
/// </summary>
public static class FalconSimApp
{
    // Kestrel would answer an over-long URL itself, without Falcon's headers and envelope; the dispatcher
    // applies FalconSimOptions.MaxUrlLength instead, so Kestrel's own limits are set well above it.
    private const int KestrelLineLimit = 1024 * 1024;

    /// <summary>Registers the simulator on <paramref name="builder"/>, builds the app and maps its endpoints.</summary>
    public static WebApplication Build(WebApplicationBuilder builder, FalconSimOptions options)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(options);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestLineSize = KestrelLineLimit;
            kestrel.Limits.MaxRequestHeadersTotalSize = KestrelLineLimit * 2;
            kestrel.Limits.MaxRequestBufferSize = KestrelLineLimit * 4;
        });
        builder.Services.AddFalconSim(options);
        var app = builder.Build();
        app.MapFalconSim();
        app.Lifetime.ApplicationStarted.Register(() =>
            app.Logger.Ready(options.Region, options.ClientId, options.RateLimitPerMinute));
        return app;
    }

    /// <summary>The simulator's singletons: options, store, counters, tokens, limits and handlers.</summary>
    public static IServiceCollection AddFalconSim(this IServiceCollection services, FalconSimOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var random = new SimRandom(options.Seed);
        services.AddSingleton(options);
        services.AddSingleton(random);
        services.AddSingleton(new FalconSimStore(options, random));
        services.AddSingleton<FalconSimCounters>();
        services.AddSingleton(new TokenRegistry(options.TimeProvider));
        services.AddSingleton(new RateLimits(options.TimeProvider));
        services.AddSingleton<IndicatorValidator>();
        services.AddSingleton<IocHandlers>();
        services.AddSingleton<OAuthHandlers>();
        services.AddSingleton<FalconDispatcher>();
        services.AddSingleton<FalconSimHost.Parts>();
        return services;
    }

    /// <summary>Maps the <c>/_sim/</c> hooks and, for every other path and method, the Falcon API.</summary>
    public static IEndpointRouteBuilder MapFalconSim(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        SimHooks.Map(endpoints);
        var dispatcher = endpoints.ServiceProvider.GetRequiredService<FalconDispatcher>();
        endpoints.Map("/{**path}", dispatcher.HandleAsync);
        return endpoints;
    }
}
