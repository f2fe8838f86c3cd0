namespace Deployment.Tests.Support;

/// <summary>The checkout the tests run in: files are read from it by their path from the repository root.</summary>
internal static class Repository
{
    public static string Root { get; } = FindRoot();

    public static string PathOf(string relativePath) =>
        Path.Combine(Root, relativePath.Replace('/', Path.DirectorySeparatorChar));

    public static bool Exists(string relativePath) => File.Exists(PathOf(relativePath)) || Directory.Exists(PathOf(relativePath));

    public static string ReadText(string relativePath) => File.ReadAllText(PathOf(relativePath));

    /// <summary>Files under <paramref name="relativeDirectory"/> with one of the extensions, as repository paths.</summary>
    public static IReadOnlyList<string> FilesUnder(string relativeDirectory, params string[] extensions) =>
        [.. Directory.EnumerateFiles(PathOf(relativeDirectory), "*", SearchOption.AllDirectories)
            .Where(f => extensions.Contains(Path.GetExtension(f), StringComparer.OrdinalIgnoreCase))
            .Select(RelativePath)
            .Order(StringComparer.Ordinal)];

    public static string RelativePath(string fullPath) => Path.GetRelativePath(Root, fullPath).Replace(Path.DirectorySeparatorChar, '/');

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Connector.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No Connector.sln above {AppContext.BaseDirectory}: run the tests from the checkout.");
    }
}
