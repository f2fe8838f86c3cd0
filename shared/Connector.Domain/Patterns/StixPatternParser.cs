namespace Connector.Domain.Patterns;

/// <summary>
/// Reads the IOCs out of an OpenCTI indicator's STIX 2.1 pattern. A real tokenizer and recursive-descent parser
/// (any spacing, keywords in any case, quoted or unquoted hash names, escaped quotes), followed by the reduction
/// to single IOCs that <see cref="IocExtractor"/> documents. Never throws: every outcome is a <see cref="PatternParseResult"/>.
/// </summary>
public static class StixPatternParser
{
    /// <summary>The only <c>pattern_type</c> this connector reads (compared case-insensitively).</summary>
    public const string StixPatternType = "stix";

    /// <summary>
    /// The front door for OpenCTI indicators: anything but a <c>stix</c> pattern type is
    /// <see cref="PatternFailureKind.NotSupported"/> (<c>not supported: pattern_type 'yara'</c>).
    /// </summary>
    public static PatternParseResult ParseIndicatorPattern(string? patternType, string? pattern)
    {
        var type = patternType?.Trim();
        if (string.IsNullOrEmpty(type))
        {
            return PatternParseResult.NotSupported("pattern_type missing");
        }

        return string.Equals(type, StixPatternType, StringComparison.OrdinalIgnoreCase)
            ? Parse(pattern)
            : PatternParseResult.NotSupported($"pattern_type '{type}'");
    }

    /// <summary>Parses a STIX pattern and reduces it to the IOCs it names.</summary>
    public static PatternParseResult Parse(string? pattern)
    {
        if (pattern is null)
        {
            return PatternParseResult.SyntaxError(0, "empty pattern");
        }

        try
        {
            var root = StixSyntaxParser.Parse(pattern);
            return IocExtractor.Extract(root, pattern);
        }
        catch (StixSyntaxException error)
        {
            return PatternParseResult.SyntaxError(error.Position, error.Message);
        }
    }
}
