using System.Globalization;

namespace Connector.Domain.Patterns;

/// <summary>
/// What a STIX pattern means for Falcon: either the IOCs it names (<see cref="IsSuccess"/>), possibly with some
/// OR terms left out (<see cref="Skipped"/>), or a failure with its kind and a readable reason. Never an exception.
/// </summary>
public sealed record PatternParseResult
{
    private PatternParseResult()
    {
    }

    /// <summary>True when the pattern names at least one IOC.</summary>
    public bool IsSuccess => FailureKind is null;

    /// <summary>The IOCs in order of first appearance, without duplicates; empty on failure.</summary>
    public IReadOnlyList<PatternIoc> Iocs { get; private init; } = [];

    /// <summary>OR terms that were left out, with their reasons (only on success; a failure reports its reason instead).</summary>
    public IReadOnlyList<SkippedTerm> Skipped { get; private init; } = [];

    /// <summary>Null on success; otherwise why the pattern yields nothing.</summary>
    public PatternFailureKind? FailureKind { get; private init; }

    /// <summary>
    /// Null on success; otherwise a readable reason such as <c>syntax error at 17: unterminated string</c>
    /// or <c>not supported: object path 'url:value'</c>.
    /// </summary>
    public string? Reason { get; private init; }

    /// <summary>For a syntax error, the 0-based offset in the pattern where it was found.</summary>
    public int? ErrorPosition { get; private init; }

    /// <summary>The pattern names <paramref name="iocs"/> (at least one); <paramref name="skipped"/> OR terms were left out.</summary>
    public static PatternParseResult Success(IReadOnlyList<PatternIoc> iocs, IReadOnlyList<SkippedTerm>? skipped = null)
    {
        ArgumentNullException.ThrowIfNull(iocs);
        if (iocs.Count == 0)
        {
            throw new ArgumentException("A successful parse names at least one IOC.", nameof(iocs));
        }

        return new() { Iocs = iocs, Skipped = skipped ?? [] };
    }

    /// <summary>The pattern is valid but cannot become Falcon IOCs; <paramref name="what"/> follows "not supported: ".</summary>
    public static PatternParseResult NotSupported(string what) =>
        new() { FailureKind = PatternFailureKind.NotSupported, Reason = $"not supported: {what}" };

    /// <summary>The pattern is not valid at 0-based offset <paramref name="position"/>.</summary>
    public static PatternParseResult SyntaxError(int position, string message) => new()
    {
        FailureKind = PatternFailureKind.SyntaxError,
        ErrorPosition = position,
        Reason = string.Create(CultureInfo.InvariantCulture, $"syntax error at {position}: {message}"),
    };
}
