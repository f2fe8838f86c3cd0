using System.Xml.Linq;

namespace Deployment.Tests.Support;

/// <summary>The projects a project needs to build: itself and its project references, transitively (repository paths).</summary>
internal static class ProjectGraph
{
    public static IReadOnlyList<string> Closure(string projectFile)
    {
        var seen = new SortedSet<string>(StringComparer.Ordinal);
        Visit(projectFile, seen);
        return [.. seen];
    }

    /// <summary>The assembly a project builds: its AssemblyName, or its file name.</summary>
    public static string AssemblyName(string projectFile) =>
        XDocument.Load(Repository.PathOf(projectFile)).Descendants("AssemblyName").FirstOrDefault()?.Value
        ?? Path.GetFileNameWithoutExtension(projectFile);

    private static void Visit(string projectFile, SortedSet<string> seen)
    {
        if (!seen.Add(projectFile))
        {
            return;
        }

        var directory = Path.GetDirectoryName(Repository.PathOf(projectFile))!;
        foreach (var reference in XDocument.Load(Repository.PathOf(projectFile)).Descendants("ProjectReference"))
        {
            var include = reference.Attribute("Include")?.Value.Replace('\\', '/');
            if (include is not null)
            {
                Visit(Repository.RelativePath(Path.GetFullPath(Path.Combine(directory, include))), seen);
            }
        }
    }
}
