namespace Connector.Domain.Falcon;

/// <summary>Falcon's IOC <c>severity</c> values.</summary>
public static class FalconSeverities
{
    public const string Informational = "informational";
    public const string Low = "low";
    public const string Medium = "medium";
    public const string High = "high";
    public const string Critical = "critical";

    /// <summary>Every severity, from the least to the most severe.</summary>
    public static IReadOnlyList<string> All { get; } = [Informational, Low, Medium, High, Critical];

    /// <summary>Position of <paramref name="severity"/> in <see cref="All"/> (0 = informational), or -1 when it is not a severity.</summary>
    public static int Rank(string? severity) => severity is null ? -1 : OrdinalLists.IndexOf(All, severity);
}
