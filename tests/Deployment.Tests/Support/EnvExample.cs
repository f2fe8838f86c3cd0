using System.Text.RegularExpressions;

namespace Deployment.Tests.Support;

/// <summary>
/// <c>.env.example</c>: <c>NAME=value</c> lines the user fills in, and <c># NAME=default</c> lines that document a
/// default that applies while they stay commented out.
/// </summary>
internal static partial class EnvExample
{
    public const string FileName = ".env.example";

    public static IReadOnlyList<EnvEntry> Load() => Parse(Repository.ReadText(FileName));

    public static IReadOnlyList<EnvEntry> Parse(string text) =>
        [.. text.Split('\n')
            .Select(line => EntryPattern().Match(line.TrimEnd('\r')))
            .Where(m => m.Success)
            .Select(m => new EnvEntry(m.Groups["name"].Value, m.Groups["value"].Value, m.Groups["comment"].Success))];

    [GeneratedRegex(@"^(?<comment>#\s?)?(?<name>[A-Z][A-Z0-9_]*)=(?<value>.*)$")]
    private static partial Regex EntryPattern();
}

/// <summary>One variable of <c>.env.example</c>.</summary>
internal sealed record EnvEntry(string Name, string Value, bool Commented);
