using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;

namespace OpenCtiSim.Stix;

/// <summary>One entry of the OpenCTI extension's <c>observable_values</c>.</summary>
internal sealed record ObservableValue(string Type, string? Value, string? HashAlgorithm);

/// <summary>
/// Derives <c>observable_values</c> from a STIX pattern the way the platform does for simple comparisons:
/// every <c>object:path = 'value'</c> term; patterns with <c>AND</c> or qualifiers yield nothing.
/// </summary>
internal static partial class ObservableValues
{
    // Indicators are immutable: derive each one's values once, however many connections send it.
    private static readonly ConditionalWeakTable<SimIndicator, IReadOnlyList<ObservableValue>> Cache = [];

    public static IReadOnlyList<ObservableValue> Of(SimIndicator indicator) =>
        Cache.GetValue(indicator, static i => FromPattern(i.Pattern, i.PatternType));

    public static IReadOnlyList<ObservableValue> FromPattern(string pattern, string patternType)
    {
        if (!string.Equals(patternType, "stix", StringComparison.OrdinalIgnoreCase)
            || pattern.Contains(" AND ", StringComparison.Ordinal)
            || pattern.Contains("WITHIN", StringComparison.Ordinal)
            || pattern.Contains("START", StringComparison.Ordinal))
        {
            return [];
        }

        var values = new List<ObservableValue>();
        foreach (Match match in Term().Matches(pattern))
        {
            var objectType = match.Groups["object"].Value;
            var path = match.Groups["path"].Value;
            var value = match.Groups["value"].Value.Replace("\\'", "'", StringComparison.Ordinal);
            var observable = (objectType, path) switch
            {
                ("ipv4-addr", "value") => new ObservableValue("IPv4-Addr", value, null),
                ("ipv6-addr", "value") => new ObservableValue("IPv6-Addr", value, null),
                ("domain-name", "value") => new ObservableValue("Domain-Name", value, null),
                ("hostname", "value") => new ObservableValue("Hostname", value, null),
                ("url", "value") => new ObservableValue("Url", value, null),
                ("email-addr", "value") => new ObservableValue("Email-Addr", value, null),
                ("file", _) when path.StartsWith("hashes.", StringComparison.Ordinal) =>
                    new ObservableValue("StixFile", null, NormaliseHash(path["hashes.".Length..].Trim('\''))),
                _ => null,
            };
            if (observable is not null)
            {
                values.Add(observable.HashAlgorithm is null ? observable : observable with { Value = value });
            }
        }

        return values;
    }

    private static string NormaliseHash(string algorithm) => algorithm.ToUpperInvariant() switch
    {
        "SHA256" or "SHA-256" => "SHA-256",
        "SHA1" or "SHA-1" => "SHA-1",
        "SHA512" or "SHA-512" => "SHA-512",
        var other => other,
    };

    [GeneratedRegex(@"(?<object>[a-z0-9-]+):(?<path>[A-Za-z0-9_.'-]+)\s*=\s*'(?<value>(?:[^'\\]|\\.)*)'", RegexOptions.CultureInvariant)]
    private static partial Regex Term();
}
