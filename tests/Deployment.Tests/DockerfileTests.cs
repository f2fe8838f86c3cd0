using System.Text.RegularExpressions;
using Connector.Hosting;
using Deployment.Tests.Support;

namespace Deployment.Tests;

/// <summary>The Dockerfiles compose builds: multi-stage, non-root, restore cached, and the right projects in them.</summary>
public sealed class DockerfileTests
{
    /// <summary>Every Dockerfile compose builds, with the project it publishes (the one beside it).</summary>
    public static TheoryData<string> Dockerfiles =>
        [.. ComposeFile.Load(ComposeFile.Main).Services.Values.Select(s => s.At("build")?.Text("dockerfile")).OfType<string>().Order(StringComparer.Ordinal)];

    public static TheoryData<string> ServiceNames => [.. ConnectorService.All.Select(s => s.Name)];

    [Theory]
    [MemberData(nameof(Dockerfiles))]
    public void Builds_with_the_sdk_and_runs_on_the_smaller_aspnet_runtime(string path)
    {
        var dockerfile = Dockerfile.Load(path);
        Assert.True(dockerfile.StageCount >= 2, $"{path} is not multi-stage");
        Assert.StartsWith("mcr.microsoft.com/dotnet/sdk:", dockerfile.Stage(0).First().Arguments, StringComparison.Ordinal);
        var runtime = dockerfile.FinalStage.First().Arguments;
        Assert.StartsWith("mcr.microsoft.com/dotnet/aspnet:", runtime, StringComparison.Ordinal);
        Assert.DoesNotContain("/sdk:", runtime, StringComparison.Ordinal);
        Assert.Contains(dockerfile.FinalStage, i => i.IsCopyFromStage);
    }

    [Theory]
    [MemberData(nameof(Dockerfiles))]
    public void Runs_as_a_user_that_is_not_root(string path)
    {
        var users = Dockerfile.Load(path).FinalStage.Where(i => i.Keyword == "USER").Select(i => i.Arguments.Split(':')[0]).ToList();
        Assert.NotEmpty(users);
        // $APP_UID is the non-root user (1654) the .NET images define; the Kubernetes pods run as that uid.
        Assert.DoesNotContain(users[^1], new[] { "root", "0" });
    }

    [Theory]
    [MemberData(nameof(Dockerfiles))]
    public void Copies_only_the_projects_it_builds_and_restores_before_copying_their_sources(string path)
    {
        var dockerfile = Dockerfile.Load(path);
        var project = ProjectOf(path);
        var closure = ProjectGraph.Closure(project);
        var build = dockerfile.Stage(0).ToList();
        var restore = build.FindIndex(i => i.Keyword == "RUN" && i.Arguments.Contains("dotnet restore", StringComparison.Ordinal));
        Assert.True(restore > 0, $"{path} has no separate dotnet restore step");

        var copies = build.Select((instruction, index) => (instruction, index)).Where(c => c.instruction.Keyword == "COPY" && !c.instruction.IsCopyFromStage).ToList();
        var sources = copies.SelectMany(c => c.instruction.CopySources.Select(s => (source: s.TrimEnd('/'), c.index))).ToList();

        foreach (var needed in closure)
        {
            Assert.Contains(sources, s => s.source == needed && s.index < restore);
            Assert.Contains(sources, s => s.source == Path.GetDirectoryName(needed)!.Replace('\\', '/') && s.index > restore);
        }

        string[] buildFiles = ["Directory.Build.props", "Directory.Packages.props"];
        Assert.All(buildFiles, f => Assert.Contains(sources, s => s.source == f && s.index < restore));

        var allowed = closure.Concat(closure.Select(p => Path.GetDirectoryName(p)!.Replace('\\', '/'))).Concat(buildFiles).Append(".editorconfig").ToHashSet(StringComparer.Ordinal);
        Assert.All(sources, s => Assert.True(allowed.Contains(s.source), $"{path} copies {s.source}, which {project} does not need"));
    }

    [Theory]
    [MemberData(nameof(Dockerfiles))]
    public void Publishes_the_project_and_starts_its_assembly(string path)
    {
        var dockerfile = Dockerfile.Load(path);
        var project = ProjectOf(path);
        Assert.Contains(dockerfile.Stage(0), i => i.Keyword == "RUN" && i.Arguments.Contains($"dotnet publish {project}", StringComparison.Ordinal));
        var entry = dockerfile.FinalStage.Last(i => i.Keyword == "ENTRYPOINT").Arguments;
        Assert.Equal($"[\"dotnet\", \"{ProjectGraph.AssemblyName(project)}.dll\"]", entry);
    }

    [Theory]
    [MemberData(nameof(ServiceNames))]
    public void Service_image_listens_on_the_metrics_port_and_checks_readiness(string name)
    {
        var final = Dockerfile.Load(ConnectorService.Named(name).Dockerfile).FinalStage.ToList();
        Assert.Contains(final, i => i.Keyword == "ENV" && i.Arguments.Contains("METRICS_PORT=9113", StringComparison.Ordinal));
        Assert.Contains(final, i => i.Keyword == "EXPOSE" && i.Arguments == "9113");
        var check = Assert.Single(final, i => i.Keyword == "HEALTHCHECK").Arguments;
        Assert.Contains($"GET {ServiceDefaultsExtensions.HealthPath}/ready ", check, StringComparison.Ordinal);
        Assert.Contains("${METRICS_PORT:-9113}", check, StringComparison.Ordinal);
    }

    [Fact]
    public void Ioc_sync_image_prepares_a_writable_store_directory_for_its_user()
    {
        var final = Dockerfile.Load(ConnectorService.IocSync.Dockerfile).FinalStage.ToList();
        var env = final.Single(i => i.Keyword == "ENV" && i.Arguments.Contains("IOC_SYNC_STORE=", StringComparison.Ordinal)).Arguments;
        var directory = SqliteStore.DirectoryOf(Regex.Match(env, "IOC_SYNC_STORE=\"(?<v>[^\"]*)\"").Groups["v"].Value);
        Assert.Contains(final, i => i.Keyword == "RUN" && i.Arguments.Contains($"chown \"$APP_UID\" {directory}", StringComparison.Ordinal));
        var userIndex = final.FindIndex(i => i.Keyword == "USER");
        var chownIndex = final.FindIndex(i => i.Keyword == "RUN" && i.Arguments.Contains("chown", StringComparison.Ordinal));
        Assert.True(chownIndex < userIndex, "the store directory must be prepared while still root");
    }

    private static string ProjectOf(string dockerfile)
    {
        var directory = Path.GetDirectoryName(dockerfile)!.Replace('\\', '/');
        var project = Assert.Single(Directory.GetFiles(Repository.PathOf(directory), "*.csproj"));
        return $"{directory}/{Path.GetFileName(project)}";
    }
}
