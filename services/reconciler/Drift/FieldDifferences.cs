using System.Globalization;
using Connector.Contracts;

namespace Connector.Reconciler.Drift;

/// <summary>Which fields Falcon holds differently from the wanted ones, in words for the table and the report.</summary>
internal static class FieldDifferences
{
    /// <summary>
    /// E.g. <c>severity low→high; tags +c2</c>. A wanted description or expiration of null is not a difference, as in
    /// <c>FalconFieldRules.Satisfies</c> (Falcon cannot clear them).
    /// </summary>
    public static string Describe(FalconIocFields falcon, FalconIocFields desired)
    {
        var parts = new List<string>();
        Compare("action", falcon.Action, desired.Action, parts);
        Compare("mobile_action", falcon.MobileAction, desired.MobileAction, parts);
        Compare("severity", falcon.Severity, desired.Severity, parts);
        CompareList("platforms", falcon.Platforms, desired.Platforms, parts);
        CompareList("tags", falcon.Tags, desired.Tags, parts);
        if (desired.Description is not null && !string.Equals(falcon.Description, desired.Description, StringComparison.Ordinal))
        {
            parts.Add("description");
        }

        if (desired.Expiration is { } expiration && falcon.Expiration != expiration)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"expiration {Date(falcon.Expiration)}→{Date(expiration)}"));
        }

        Compare("source", falcon.Source, desired.Source, parts);
        return string.Join("; ", parts);
    }

    private static void Compare(string name, string held, string wanted, List<string> parts)
    {
        if (!string.Equals(held, wanted, StringComparison.Ordinal))
        {
            parts.Add($"{name} {(held.Length == 0 ? "none" : held)}→{wanted}");
        }
    }

    private static void CompareList(string name, IReadOnlyList<string> held, IReadOnlyList<string> wanted, List<string> parts)
    {
        var added = wanted.Except(held, StringComparer.Ordinal).Select(v => "+" + v);
        var removed = held.Except(wanted, StringComparer.Ordinal).Select(v => "-" + v);
        var changes = added.Concat(removed).ToList();
        if (changes.Count > 0)
        {
            parts.Add($"{name} {string.Join(' ', changes)}");
        }
    }

    private static string Date(DateTimeOffset? value) =>
        value?.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture) ?? "none";
}
