using System.Reflection;

namespace Bench.Stack;

/// <summary>Where the checkout is, and where the build put each process the bench starts.</summary>
/// <param name="Root">The directory holding <c>Connector.sln</c>.</param>
/// <param name="Configuration">The build configuration of the bench itself (Release or Debug); the processes it starts were built with it.</param>
internal sealed record RepositoryLayout(string Root, string Configuration)
{
    private const string TargetFramework = "net10.0";

    /// <summary>Walks up from the bench's own binaries to the checkout.</summary>
    public static RepositoryLayout Discover()
    {
        var configuration = typeof(RepositoryLayout).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Release";
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Connector.sln")))
            {
                return new RepositoryLayout(directory.FullName, configuration);
            }
        }

        throw new BenchException($"Connector.sln was not found above {AppContext.BaseDirectory}: run the bench from the checkout (dotnet run --project tools/bench).");
    }

    /// <summary>The built assembly of a component.</summary>
    public string AssemblyOf(Component component)
    {
        ArgumentNullException.ThrowIfNull(component);
        return Path.Combine(Root, component.ProjectDirectory, "bin", Configuration, TargetFramework, component.AssemblyName + ".dll");
    }
}

/// <summary>A process of the stack.</summary>
/// <param name="Name">Its name in logs and tables.</param>
/// <param name="ProjectDirectory">Its project folder, relative to the checkout.</param>
/// <param name="AssemblyName">Its assembly name.</param>
internal sealed record Component(string Name, string ProjectDirectory, string AssemblyName)
{
    public static readonly Component FalconSim = new("falcon-sim", "tools/falcon-sim", "FalconSim");
    public static readonly Component OpenCtiSim = new("opencti-sim", "tools/opencti-sim", "OpenCtiSim");
    public static readonly Component StreamIngest = new("stream-ingest", "services/stream-ingest", "Connector.StreamIngest");
    public static readonly Component IocSync = new("ioc-sync", "services/ioc-sync", "Connector.IocSync");
    public static readonly Component Reconciler = new("reconciler", "services/reconciler", "Connector.Reconciler");
}
