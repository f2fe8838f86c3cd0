using System.Globalization;
using System.Text;
using Connector.Contracts;
using Connector.Domain.Falcon;

namespace Connector.Domain.Normalization;

/// <summary>
/// Domains: lowercased, one trailing dot removed, internationalised names converted to punycode, then checked
/// as Falcon stores them: 1–200 characters, labels of 1–63 letters, digits, hyphens or underscores (underscores
/// occur in real hostnames such as <c>_dmarc</c> records and malware infrastructure) that neither start nor end
/// with a hyphen. Also rejected: an all-numeric last label (an IP address is not a domain) and <c>xn--</c> labels
/// that are not valid punycode.
/// <para>Punycode comes from <see cref="IdnMapping"/>, which under the invariant globalization these services run
/// with is a managed, culture-free implementation. That mode performs no Unicode normalisation, so a name must
/// arrive composed (NFC) to match its composed twin; OpenCTI stores values as given, which in practice is NFC.</para>
/// </summary>
internal static class DomainNormalizer
{
    public const int MaxLength = FalconLimits.MaxDomainLength;
    public const int MaxLabelLength = 63;

    public static NormalizationResult Normalize(string value)
    {
        var domain = value.EndsWith('.') ? value[..^1] : value;
        if (domain.Length == 0)
        {
            return NormalizationResult.Rejected("empty domain");
        }

        domain = domain.ToLowerInvariant();
        if (!Ascii.IsValid(domain))
        {
            var converted = ToPunycode(domain, out var reason);
            if (converted is null)
            {
                return NormalizationResult.Rejected(reason!);
            }

            domain = converted;
        }

        if (domain.Length > MaxLength)
        {
            return NormalizationResult.Rejected(string.Create(
                CultureInfo.InvariantCulture, $"domain is longer than {MaxLength} characters ({domain.Length})"));
        }

        var labels = domain.Split('.');
        foreach (var label in labels)
        {
            if (CheckLabel(label) is { } problem)
            {
                return NormalizationResult.Rejected(problem);
            }
        }

        if (labels[^1].All(char.IsAsciiDigit))
        {
            return NormalizationResult.Rejected("the last label of a domain cannot be all digits (an IP address is not a domain)");
        }

        return NormalizationResult.Ok(new IocKey(IocType.Domain, domain));
    }

    private static string? ToPunycode(string domain, out string? reason)
    {
        // Only letters, digits and combining marks make sense in a label; IdnMapping would otherwise encode
        // spaces, symbols or invisible format characters into a punycode label that names nothing real.
        foreach (var rune in domain.EnumerateRunes())
        {
            if (rune.IsAscii)
            {
                continue;
            }

            var category = Rune.GetUnicodeCategory(rune);
            if (!(Rune.IsLetterOrDigit(rune) || category is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark))
            {
                reason = string.Create(CultureInfo.InvariantCulture, $"domain contains a character that is not allowed: U+{rune.Value:X4}");
                return null;
            }
        }

        try
        {
            reason = null;
            return new IdnMapping { AllowUnassigned = false, UseStd3AsciiRules = false }.GetAscii(domain);
        }
        catch (ArgumentException error)
        {
            reason = $"not a valid internationalised domain name ({error.Message})";
            return null;
        }
    }

    private static string? CheckLabel(string label)
    {
        if (label.Length == 0)
        {
            return "domain has an empty label";
        }

        if (label.Length > MaxLabelLength)
        {
            return string.Create(CultureInfo.InvariantCulture, $"domain label is longer than {MaxLabelLength} characters ({label.Length})");
        }

        foreach (var c in label)
        {
            if (!(char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '-' or '_'))
            {
                return $"domain contains a character that is not allowed: {HashNormalizer.Describe(c)}";
            }
        }

        if (label[0] == '-' || label[^1] == '-')
        {
            return $"domain label '{label}' starts or ends with a hyphen";
        }

        if (label.StartsWith("xn--", StringComparison.Ordinal) && !IsValidPunycode(label))
        {
            return $"domain label '{label}' is not valid punycode";
        }

        return null;
    }

    private static bool IsValidPunycode(string label)
    {
        try
        {
            new IdnMapping().GetUnicode(label);
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
