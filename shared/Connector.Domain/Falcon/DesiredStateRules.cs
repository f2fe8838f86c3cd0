using Connector.Contracts;

namespace Connector.Domain.Falcon;

/// <summary>The Falcon fields of an IOC claimed by several OpenCTI indicators at once.</summary>
public static class DesiredStateRules
{
    /// <summary>
    /// Merges the claimants' fields into the one state Falcon should hold. The result depends only on the set of
    /// inputs, never on their order:
    /// <list type="bullet">
    /// <item>action and mobile action: the most protective (<see cref="ActionRules.ProtectionRank"/>).</item>
    /// <item>severity: the highest.</item>
    /// <item>platforms and tags: the union, sorted.</item>
    /// <item>expiration: none when any claimant has none (it wants the IOC for ever), else the latest.</item>
    /// <item>description: that of the claimant with the highest severity; among equals, one that has a description,
    /// then the ordinally smallest, so the pick is stable.</item>
    /// <item>source: the ordinally smallest (all claimants share the policy's source in practice).</item>
    /// </list>
    /// Returns null when there is no claimant: nothing is wanted.
    /// </summary>
    public static FalconIocFields? Combine(IEnumerable<FalconIocFields> claimants)
    {
        ArgumentNullException.ThrowIfNull(claimants);
        var all = claimants.ToList();
        if (all.Count == 0)
        {
            return null;
        }

        if (all.Count == 1)
        {
            return all[0];
        }

        var descriptionSource = all
            .OrderByDescending(f => FalconSeverities.Rank(f.Severity))
            .ThenBy(f => f.Description is null ? 1 : 0)
            .ThenBy(f => f.Description, StringComparer.Ordinal)
            .First();

        return new FalconIocFields
        {
            Action = Most(all.Select(f => f.Action), ActionRules.ProtectionRank),
            MobileAction = Most(all.Select(f => f.MobileAction), ActionRules.MobileProtectionRank),
            Severity = Most(all.Select(f => f.Severity), FalconSeverities.Rank),
            Platforms = Union(all.Select(f => f.Platforms)),
            Tags = Union(all.Select(f => f.Tags)),
            Expiration = all.Any(f => f.Expiration is null) ? null : all.Max(f => f.Expiration!.Value.ToUniversalTime()),
            Description = descriptionSource.Description,
            Source = all.Select(f => f.Source).Order(StringComparer.Ordinal).First(),
        };
    }

    // Highest rank wins; ties (including unknown values, rank -1) fall to the ordinally smallest, for stability.
    private static string Most(IEnumerable<string> values, Func<string, int> rank) =>
        values.OrderByDescending(rank).ThenBy(v => v, StringComparer.Ordinal).First();

    private static List<string> Union(IEnumerable<IReadOnlyList<string>> lists) =>
        lists.SelectMany(l => l).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
}
