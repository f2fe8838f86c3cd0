using Connector.Contracts;
using Connector.Domain.Falcon;

namespace Connector.Reconciler.Desired;

/// <summary>Every claim the listed indicators make on one IOC.</summary>
public sealed class DesiredIoc
{
    // Most IOCs have one claimant: a list of capacity 1 keeps 50k entries small.
    private readonly List<DesiredClaim> _claims = new(1);

    /// <summary>The claims, one per indicator.</summary>
    public IReadOnlyList<DesiredClaim> Claims => _claims;

    /// <summary>
    /// The Falcon fields the saga would derive from these claims, with the same rules (<see cref="FalconFieldRules.Decide"/>
    /// per claim, then <see cref="DesiredStateRules.Combine"/>); null when no claim can be written (no usable platform).
    /// </summary>
    public FalconIocFields? FieldsFor(IocType type, IocPolicy policy, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var enforced = new List<FalconIocFields>(_claims.Count);
        foreach (var claim in _claims)
        {
            if (FalconFieldRules.Decide(type, claim.Attributes, policy, now) is { IsEnforced: true, Fields: { } fields })
            {
                enforced.Add(fields);
            }
        }

        return DesiredStateRules.Combine(enforced);
    }

    /// <summary>Adds a claim; when the same indicator is listed twice (paging while OpenCTI changes), the newer one wins.</summary>
    internal void Add(DesiredClaim claim)
    {
        var existing = _claims.FindIndex(c => string.Equals(c.ClaimantId, claim.ClaimantId, StringComparison.Ordinal));
        if (existing < 0)
        {
            _claims.Add(claim);
        }
        else if (claim.Version > _claims[existing].Version)
        {
            _claims[existing] = claim;
        }
    }
}
