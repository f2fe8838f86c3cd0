using Connector.Hosting;
using Connector.IocSync;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults(IocSyncInstrumentation.ServiceName, IocSyncInstrumentation.SourceName);
builder.Services.AddIocSyncServices(builder.Configuration);

var app = builder.Build();
app.MapDefaultEndpoints();
return await app.RunConnectorAsync();
