using FalconSim;

// Standalone simulator: dotnet run --project tools/falcon-sim -- --urls http://127.0.0.1:5080
// Every switch comes from FALCON_SIM_* environment variables (see README.md).
var builder = WebApplication.CreateBuilder(args);
var app = FalconSimApp.Build(builder, FalconSimEnvironment.Bind(builder.Configuration));
await app.RunAsync();
