using Connector.Contracts;
using Connector.Domain.Indicators;

namespace Connector.StreamIngest.Ingest;

/// <summary>
/// A short, fixed label for why an IOC was skipped, for the <c>reason</c> tag of the skipped counter: the domain's
/// reasons are sentences with values in them (positions, paths, characters), which would make a metric series per
/// indicator. The full reason still goes to the log.
/// </summary>
public static class SkipReasonCategory
{
    /// <summary>The pattern is not valid STIX.</summary>
    public const string SyntaxError = "syntax-error";

    /// <summary>The indicator's pattern type is not <c>stix</c> (or missing).</summary>
    public const string PatternType = "pattern-type";

    /// <summary>An observable Falcon has no IOC type for (url, email, file name, …).</summary>
    public const string UnsupportedObservable = "unsupported-observable";

    /// <summary>AND or FOLLOWEDBY, which no single IOC can express.</summary>
    public const string Combination = "combination";

    /// <summary>A WITHIN, REPEATS or START/STOP qualifier.</summary>
    public const string Qualifier = "qualifier";

    /// <summary>A comparison other than a plain <c>=</c> (NOT, LIKE, MATCHES, IN, EXISTS, …) or a non-string value.</summary>
    public const string Comparison = "comparison";

    /// <summary>Every comparison of the pattern is unsupported, for several reasons.</summary>
    public const string NoSupportedTerm = "no-supported-term";

    /// <summary>Anything else.</summary>
    public const string Other = "other";

    /// <summary>The category of <paramref name="skipped"/>: <c>invalid-&lt;type&gt;</c> for a value the normaliser refused, else one of the constants.</summary>
    public static string Of(SkippedIoc skipped)
    {
        ArgumentNullException.ThrowIfNull(skipped);
        if (skipped.Type is { } type)
        {
            return InvalidValue(type);
        }

        var reason = skipped.Reason;
        if (reason.StartsWith("syntax error", StringComparison.Ordinal))
        {
            return SyntaxError;
        }

        const string NotSupported = "not supported: ";
        if (!reason.StartsWith(NotSupported, StringComparison.Ordinal))
        {
            return Other;
        }

        var what = reason.AsSpan(NotSupported.Length);
        return what switch
        {
            _ when what.StartsWith("pattern_type", StringComparison.Ordinal) => PatternType,
            _ when what.StartsWith("object path", StringComparison.Ordinal) => UnsupportedObservable,
            _ when what.StartsWith("qualifier", StringComparison.Ordinal) => Qualifier,
            _ when what.StartsWith("AND ", StringComparison.Ordinal) || what.StartsWith("FOLLOWEDBY ", StringComparison.Ordinal) => Combination,
            _ when what.StartsWith("none of the", StringComparison.Ordinal) => NoSupportedTerm,
            _ when what.StartsWith("operator", StringComparison.Ordinal) || what.StartsWith("NOT ", StringComparison.Ordinal)
                || what.EndsWith(" value", StringComparison.Ordinal) || what.StartsWith("comparison", StringComparison.Ordinal) => Comparison,
            _ => Other,
        };
    }

    private static string InvalidValue(IocType type) => type switch
    {
        IocType.Sha256 => "invalid-sha256",
        IocType.Md5 => "invalid-md5",
        IocType.Domain => "invalid-domain",
        IocType.Ipv4 => "invalid-ipv4",
        IocType.Ipv6 => "invalid-ipv6",
        _ => "invalid-value",
    };
}
