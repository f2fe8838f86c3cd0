using Connector.Contracts;

namespace Connector.Domain.Falcon;

/// <summary>The Falcon fields one claimant wants for an IOC, or why it wants none.</summary>
public sealed record FieldDecision
{
    private FieldDecision()
    {
    }

    /// <summary>The decision.</summary>
    public FieldDecisionKind Kind { get; private init; }

    /// <summary>True when <see cref="Fields"/> should be enforced.</summary>
    public bool IsEnforced => Kind == FieldDecisionKind.Enforce;

    /// <summary>The fields to enforce; null unless <see cref="IsEnforced"/>.</summary>
    public FalconIocFields? Fields { get; private init; }

    /// <summary>Why nothing is enforced (<c>expired</c>, or the platform problem); null when enforced.</summary>
    public string? Reason { get; private init; }

    /// <summary>Platform values that were left out (unknown, or mobile without Falcon for Mobile), for logs.</summary>
    public IReadOnlyList<string> IgnoredPlatforms { get; private init; } = [];

    /// <summary>Enforce <paramref name="fields"/>.</summary>
    public static FieldDecision Enforce(FalconIocFields fields, IReadOnlyList<string>? ignoredPlatforms = null)
    {
        ArgumentNullException.ThrowIfNull(fields);
        return new() { Kind = FieldDecisionKind.Enforce, Fields = fields, IgnoredPlatforms = ignoredPlatforms ?? [] };
    }

    /// <summary>Enforce nothing, for <paramref name="reason"/>.</summary>
    public static FieldDecision Skip(FieldDecisionKind kind, string reason, IReadOnlyList<string>? ignoredPlatforms = null)
    {
        if (kind == FieldDecisionKind.Enforce)
        {
            throw new ArgumentException("A skip needs a skip kind.", nameof(kind));
        }

        return new() { Kind = kind, Reason = reason, IgnoredPlatforms = ignoredPlatforms ?? [] };
    }
}
