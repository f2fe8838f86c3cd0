using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using OpenCtiSim;
using OpenCtiSim.Hosting;

// Standalone: dotnet run --project tools/opencti-sim -- --urls http://127.0.0.1:4000 (settings: README.md).
var platform = new OpenCtiSimPlatform(SimEnvironment.Read(Environment.GetEnvironmentVariable));
var app = SimApplication.Build(args, platform, loopbackPort: null);
app.Lifetime.ApplicationStarted.Register(() =>
{
    var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
    app.Logger.SimulatorStarted(string.Join(", ", addresses), platform.Options.LiveStreamId, platform.IndicatorCount);
});
await app.RunAsync();
