using System.Reflection;
using OpenCtiSim;

namespace Deployment.Tests.Support;

/// <summary>The OPENCTI_SIM_* variables the standalone opencti-sim reads, recorded by running its own reader.</summary>
internal static class OpenCtiSimSettings
{
    public static IReadOnlySet<string> Names { get; } = Read();

    private static HashSet<string> Read()
    {
        // The reader is internal to the simulator; asking it, rather than copying its list, keeps this in step.
        var reader = typeof(OpenCtiSimOptions).Assembly.GetType("OpenCtiSim.Hosting.SimEnvironment", throwOnError: true)!
            .GetMethod("Read", BindingFlags.Public | BindingFlags.Static)!;
        var names = new HashSet<string>(StringComparer.Ordinal);
        reader.Invoke(null, [new Func<string, string?>(name =>
        {
            names.Add(name);
            return null;
        })]);
        return names;
    }
}
