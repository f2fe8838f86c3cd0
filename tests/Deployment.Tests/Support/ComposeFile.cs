using System.Text.RegularExpressions;

namespace Deployment.Tests.Support;

/// <summary>A docker compose file: its services and the <c>${VARIABLE}</c> substitutions its text uses.</summary>
internal sealed partial class ComposeFile(string path, string text, YamlMap root)
{
    public const string Main = "docker-compose.yml";

    public const string OpenCtiRabbitMqOverride = "docker-compose.opencti-rabbitmq.yml";

    public static IReadOnlyList<string> AllFiles { get; } = [Main, OpenCtiRabbitMqOverride];

    public string Path => path;

    public YamlMap Root => root;

    public IReadOnlyDictionary<string, YamlMap> Services =>
        root.Map("services")?.Entries.ToDictionary(e => e.Key, e => e.Value as YamlMap ?? new YamlMap(new Dictionary<string, object?>()), StringComparer.Ordinal)
        ?? new Dictionary<string, YamlMap>();

    /// <summary>Every <c>${NAME}</c>, <c>${NAME:-default}</c> or <c>${NAME:?error}</c> in the file, comments excluded.</summary>
    public IReadOnlyList<Substitution> Substitutions =>
        [.. text.Split('\n').Select(StripComment).SelectMany(line => SubstitutionPattern().Matches(line)).Select(Substitution.From)];

    public static ComposeFile Load(string path)
    {
        var text = Repository.ReadText(path);
        return new ComposeFile(path, text, YamlMap.Load(text));
    }

    public YamlMap Service(string name) =>
        Services.TryGetValue(name, out var service) ? service : throw new InvalidOperationException($"{path} has no service '{name}'.");

    /// <summary>A service's environment, in either compose form (a mapping, or a list of NAME=value).</summary>
    public static IReadOnlyDictionary<string, string?> EnvironmentOf(YamlMap service)
    {
        var result = new Dictionary<string, string?>(StringComparer.Ordinal);
        switch (service["environment"])
        {
            case YamlMap map:
                foreach (var (name, value) in map.Entries)
                {
                    result[name] = value?.ToString();
                }

                break;
            case IReadOnlyList<object?> list:
                foreach (var item in list.OfType<string>())
                {
                    var equals = item.IndexOf('=', StringComparison.Ordinal);
                    result[equals < 0 ? item : item[..equals]] = equals < 0 ? null : item[(equals + 1)..];
                }

                break;
        }

        return result;
    }

    /// <summary>The services a service depends on, with the condition of each (compose's default is service_started).</summary>
    public static IReadOnlyDictionary<string, YamlMap> DependenciesOf(YamlMap service) => service["depends_on"] switch
    {
        YamlMap map => map.Entries.ToDictionary(e => e.Key, e => e.Value as YamlMap ?? new YamlMap(new Dictionary<string, object?>()), StringComparer.Ordinal),
        IReadOnlyList<object?> list => list.OfType<string>().ToDictionary(n => n, _ => new YamlMap(new Dictionary<string, object?>()), StringComparer.Ordinal),
        _ => new Dictionary<string, YamlMap>(),
    };

    private static string StripComment(string line)
    {
        // Compose files here put comments after whitespace; a '#' inside a value (none today) would need quoting anyway.
        var hash = line.IndexOf(" #", StringComparison.Ordinal);
        var trimmed = line.TrimStart();
        return trimmed.StartsWith('#') ? "" : hash < 0 ? line : line[..hash];
    }

    [GeneratedRegex(@"(?<!\$)\$\{(?<name>[A-Za-z_][A-Za-z0-9_]*)(?:(?<op>:?[-?])(?<arg>[^}]*))?\}")]
    private static partial Regex SubstitutionPattern();
}

/// <summary>One <c>${NAME...}</c> of a compose file.</summary>
internal sealed partial record Substitution(string Name, string? Default, bool Required)
{
    public static Substitution From(Match match)
    {
        var op = match.Groups["op"].Value;
        var arg = match.Groups["arg"].Value;
        return new Substitution(
            match.Groups["name"].Value,
            op.EndsWith('-') ? arg : null,
            op.EndsWith('?'));
    }

    /// <summary>The substitution that makes up a whole value, such as <c>${X:-1}</c>, or null for a literal value.</summary>
    public static Substitution? OfWholeValue(string? value)
    {
        if (value is null)
        {
            return null;
        }

        var match = WholeValue().Match(value);
        return match.Success ? From(match) : null;
    }

    [GeneratedRegex(@"^\$\{(?<name>[A-Za-z_][A-Za-z0-9_]*)(?:(?<op>:?[-?])(?<arg>[^}]*))?\}$")]
    private static partial Regex WholeValue();
}
