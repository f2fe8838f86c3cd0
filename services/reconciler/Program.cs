using Connector.Hosting;
using Connector.Reconciler;
using Connector.Reconciler.Command;

// `reconcile [--dry-run] [--show N] [--json]`: one run, then exit (see Command/ReconcileCommand.cs).
if (ReconcileCommand.IsInvoked(args))
{
    return await ReconcileCommand.RunAsync(args);
}

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults(ReconcilerInstrumentation.ServiceName, ReconcilerInstrumentation.SourceName);
builder.Services.AddReconcilerServices(builder.Configuration);

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapReconcilerEndpoints();
return await app.RunConnectorAsync();
