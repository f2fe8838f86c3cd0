using System.Globalization;

namespace Connector.Domain.Falcon;

/// <summary>Falcon's text fields: cutting to a length limit, and tags from labels.</summary>
public static class TextRules
{
    /// <summary>Marks a cut text; one character, so the result keeps as much of the text as possible.</summary>
    public const string Ellipsis = "…";

    /// <summary>
    /// Trims <paramref name="text"/> and cuts it to at most <paramref name="maxLength"/> UTF-16 characters (Falcon counts
    /// those), ending a cut text with <see cref="Ellipsis"/>. The cut never splits a surrogate pair or separates a
    /// combining mark from its letter (it backs up to a text-element boundary). Null or blank gives null.
    /// </summary>
    public static string? Cut(string? text, int maxLength)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLength, 1);
        var trimmed = text?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            return null;
        }

        if (trimmed.Length <= maxLength)
        {
            return trimmed;
        }

        var budget = maxLength - Ellipsis.Length;
        var keep = 0;
        var enumerator = StringInfo.GetTextElementEnumerator(trimmed);
        while (enumerator.MoveNext())
        {
            var end = enumerator.ElementIndex + enumerator.GetTextElement().Length;
            if (end > budget)
            {
                break;
            }

            keep = end;
        }

        return string.Concat(trimmed.AsSpan(0, keep).TrimEnd(), Ellipsis);
    }

    /// <summary>
    /// Falcon tags from STIX labels: trimmed, blanks dropped, distinct (ordinal) and sorted (ordinal), so equal label
    /// sets give equal tag lists. A label spelled like <see cref="FalconTags.ToDelete"/> (any case) is dropped: it would
    /// make a live IOC look soft-deleted and let the reconciler purge it. Falcon publishes no tag charset or length
    /// rule, so tags are otherwise kept as OpenCTI has them.
    /// </summary>
    public static IReadOnlyList<string> TagsFromLabels(IEnumerable<string?>? labels) =>
        (labels ?? [])
            .Select(l => l?.Trim())
            .Where(l => !string.IsNullOrEmpty(l) && !string.Equals(l, FalconTags.ToDelete, StringComparison.OrdinalIgnoreCase))
            .Select(l => l!)
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToList();
}
