using Connector.Hosting;
using Connector.IocSync;
using Connector.Reconciler;
using Connector.StreamIngest;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;

namespace Deployment.Tests.Support;

/// <summary>
/// One of the three services, registered the way its Program.cs does it, so the tests read the settings and meters
/// the real service has. <see cref="Name"/> is also its compose service, Deployment and folder name.
/// </summary>
internal sealed record ConnectorService(string Name, string SourceName, Action<WebApplicationBuilder> AddServices)
{
    public static ConnectorService StreamIngest { get; } = new(
        StreamIngestInstrumentation.ServiceName,
        StreamIngestInstrumentation.SourceName,
        b => b.Services.AddStreamIngestServices(b.Configuration));

    public static ConnectorService IocSync { get; } = new(
        IocSyncInstrumentation.ServiceName,
        IocSyncInstrumentation.SourceName,
        b => b.Services.AddIocSyncServices(b.Configuration));

    public static ConnectorService Reconciler { get; } = new(
        ReconcilerInstrumentation.ServiceName,
        ReconcilerInstrumentation.SourceName,
        b => b.Services.AddReconcilerServices(b.Configuration));

    public static IReadOnlyList<ConnectorService> All { get; } = [StreamIngest, IocSync, Reconciler];

    public static TheoryData<string> Names => [.. All.Select(s => s.Name)];

    public string ProjectFile => $"services/{Name}/{Path.GetFileName(Directory.GetFiles(Repository.PathOf($"services/{Name}"), "*.csproj").Single())}";

    public string Dockerfile => $"services/{Name}/Dockerfile";

    public static ConnectorService Named(string name) =>
        All.SingleOrDefault(s => s.Name == name) ?? throw new ArgumentException($"No connector service is named '{name}'.", nameof(name));

    /// <summary>A builder with this service's registrations, as its Program.cs makes them, over the given settings.</summary>
    public WebApplicationBuilder CreateBuilder(IReadOnlyDictionary<string, string?> settings)
    {
        var builder = WebApplication.CreateBuilder();
        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddServiceDefaults(Name, SourceName);
        AddServices(builder);
        return builder;
    }
}
