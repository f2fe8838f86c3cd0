using Connector.Hosting;
using Connector.StreamIngest;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults(StreamIngestInstrumentation.ServiceName, StreamIngestInstrumentation.SourceName);
builder.Services.AddStreamIngestServices(builder.Configuration);

var app = builder.Build();
app.MapDefaultEndpoints();
return await app.RunConnectorAsync();
