using System.Reflection;

namespace Connector.EndToEnd.Tests.Support;

/// <summary>Where the build put each service: its own output folder, in the configuration the tests were built with.</summary>
internal static class ServiceBuild
{
    private const string TargetFramework = "net10.0";

    private static readonly Lazy<string> Root = new(FindRoot);

    private static string Configuration =>
        typeof(ServiceBuild).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";

    /// <summary>The built assembly of a service, e.g. <c>services/ioc-sync/bin/Debug/net10.0/Connector.IocSync.dll</c>.</summary>
    public static string AssemblyOf(ConnectorService service) =>
        Path.Combine(Root.Value, service.ProjectDirectory, "bin", Configuration, TargetFramework, service.AssemblyName + ".dll");

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Connector.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"Connector.sln was not found above {AppContext.BaseDirectory}.");
    }
}

/// <summary>One of the three services: its <c>service.name</c> in traces, its project folder and assembly.</summary>
public sealed record ConnectorService(string Name, string ProjectDirectory, string AssemblyName)
{
    public static readonly ConnectorService StreamIngest = new("stream-ingest", "services/stream-ingest", "Connector.StreamIngest");
    public static readonly ConnectorService IocSync = new("ioc-sync", "services/ioc-sync", "Connector.IocSync");
    public static readonly ConnectorService Reconciler = new("reconciler", "services/reconciler", "Connector.Reconciler");

    public static IReadOnlyList<ConnectorService> All { get; } = [StreamIngest, IocSync, Reconciler];
}
