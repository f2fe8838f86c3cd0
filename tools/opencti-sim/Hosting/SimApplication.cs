using System.Net;
using System.Text.Json;
using System.Text.Json.Serialization;
using OpenCtiSim.GraphQl;
using OpenCtiSim.Hooks;
using OpenCtiSim.LiveStream;

namespace OpenCtiSim.Hosting;

/// <summary>Builds the simulator's web application, standalone or in-process.</summary>
internal static class SimApplication
{
    /// <param name="args">Command line (e.g. <c>--urls</c>) for the standalone app.</param>
    /// <param name="platform">The data the app serves.</param>
    /// <param name="loopbackPort">When set, listen on 127.0.0.1 at this port (0 = any free one) whatever the configuration says.</param>
    public static WebApplication Build(string[] args, OpenCtiSimPlatform platform, int? loopbackPort)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            Args = args,
            ApplicationName = typeof(SimApplication).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
        });
        if (loopbackPort is { } port)
        {
            builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, port));

            // In-process hosts live inside test runs: keep their output to warnings.
            builder.Logging.SetMinimumLevel(LogLevel.Warning);
        }
        else
        {
            // Standalone: the simulator's own messages, not a line per request.
            builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        }

        // Live connections end when the host stops; no need to wait for them long.
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(5));
        builder.Services.AddSingleton(platform);
        builder.Services.AddSimGraphQl();
        builder.Services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
            o.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower));
        });

        var app = builder.Build();
        app.MapLiveStream();
        app.MapSimGraphQl();
        app.MapSimHooks();
        return app;
    }
}
