using Deployment.Tests.Support;

namespace Deployment.Tests;

/// <summary>.env.example documents every variable the compose files use, and nothing they do not.</summary>
public sealed class EnvExampleTests
{
    private static readonly IReadOnlyList<EnvEntry> Entries = EnvExample.Load();
    private static readonly IReadOnlyList<ComposeFile> ComposeFiles = [.. ComposeFile.AllFiles.Select(ComposeFile.Load)];

    [Fact]
    public void Every_variable_the_compose_files_substitute_is_documented()
    {
        var documented = Entries.Select(e => e.Name).ToHashSet(StringComparer.Ordinal);
        var missing = ComposeFiles.SelectMany(f => f.Substitutions.Select(s => $"{s.Name} ({f.Path})"))
            .Where(s => !documented.Contains(s[..s.IndexOf(' ', StringComparison.Ordinal)]))
            .Distinct()
            .ToList();
        Assert.True(missing.Count == 0, $"{EnvExample.FileName} does not document: " + string.Join(", ", missing));
    }

    [Fact]
    public void Every_documented_variable_is_used_by_a_compose_file()
    {
        var used = ComposeFiles.SelectMany(f => f.Substitutions).Select(s => s.Name).ToHashSet(StringComparer.Ordinal);
        var unused = Entries.Select(e => e.Name).Where(n => !used.Contains(n)).ToList();
        Assert.True(unused.Count == 0, $"{EnvExample.FileName} has variables no compose file reads, so they would do nothing: " + string.Join(", ", unused));
    }

    [Fact]
    public void Each_variable_is_documented_once()
    {
        var duplicates = Entries.GroupBy(e => e.Name).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        Assert.Empty(duplicates);
    }

    [Fact]
    public void Documented_defaults_are_the_defaults_compose_applies()
    {
        var main = ComposeFile.Load(ComposeFile.Main);
        foreach (var entry in Entries.Where(e => e.Commented))
        {
            var defaults = main.Substitutions.Where(s => s.Name == entry.Name && s.Default is not null).Select(s => s.Default).Distinct().ToList();
            Assert.True(defaults.Count <= 1, $"docker-compose.yml gives {entry.Name} several defaults: {string.Join(", ", defaults)}");
            if (defaults is [var composeDefault])
            {
                Assert.True(entry.Value == composeDefault, $"{EnvExample.FileName} says {entry.Name} defaults to '{entry.Value}', docker-compose.yml to '{composeDefault}'");
            }
        }
    }

    [Fact]
    public void Every_setting_a_service_reads_is_documented_or_set_by_compose()
    {
        var documented = Entries.Select(e => e.Name).ToHashSet(StringComparer.Ordinal);
        var main = ComposeFile.Load(ComposeFile.Main);
        var fixedByCompose = ConnectorService.All
            .SelectMany(s => ComposeFile.EnvironmentOf(main.Service(s.Name)))
            .Where(e => Substitution.OfWholeValue(e.Value) is null)
            .Select(e => e.Key)
            .ToHashSet(StringComparer.Ordinal);

        var missing = ServiceSettings.OfAllServices()
            .Select(s => s.EnvironmentVariable)
            .Where(v => !documented.Contains(v) && !fixedByCompose.Contains(v))
            .Order(StringComparer.Ordinal)
            .ToList();
        Assert.True(missing.Count == 0, $"settings neither in {EnvExample.FileName} nor set by docker-compose.yml: " + string.Join(", ", missing));
    }

    [Theory]
    [InlineData("OPENCTI_TOKEN")]
    [InlineData("CROWDSTRIKE_CLIENT_SECRET")]
    [InlineData("CONNECTOR_ID")]
    [InlineData("CONNECTOR_LIVE_STREAM_ID")]
    [InlineData("CROWDSTRIKE_CLIENT_ID")]
    public void Values_only_the_user_knows_are_placeholders_to_fill_in(string name)
    {
        var entry = Entries.Single(e => e.Name == name);
        Assert.False(entry.Commented);
        Assert.Equal("ChangeMe", entry.Value);
    }
}
