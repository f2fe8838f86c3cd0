using Connector.Hosting;
using Connector.StreamIngest;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults(StreamIngestInstrumentation.ServiceName, StreamIngestInstrumentation.SourceName);
builder.Services.AddStreamIngestServices(builder.Configuration);

var app = builder.Build();
app.MapDefaultEndpoints();

// The reader asks for a non-zero exit code when OpenCTI refuses the stream; the host alone would report a clean stop.
var exit = app.Services.GetRequiredService<StreamIngestExit>();
return exit.Resolve(await app.RunConnectorAsync());
