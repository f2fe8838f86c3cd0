using Connector.Hosting;
using Connector.Reconciler;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults(ReconcilerInstrumentation.ServiceName, ReconcilerInstrumentation.SourceName);
builder.Services.AddReconcilerServices(builder.Configuration);

var app = builder.Build();
app.MapDefaultEndpoints();
return await app.RunConnectorAsync();
