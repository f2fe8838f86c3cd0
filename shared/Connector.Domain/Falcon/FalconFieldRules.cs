using Connector.Contracts;

namespace Connector.Domain.Falcon;

/// <summary>
/// The one place where an indicator's attributes become Falcon fields, following the Python connector's body
/// (see specs/reference-connector.md "Keep") with its defects fixed ("Fix" #6 and #8).
/// </summary>
public static class FalconFieldRules
{
    /// <summary>The reason of an <see cref="FieldDecisionKind.Expired"/> decision.</summary>
    public const string ExpiredReason = "expired";

    /// <summary>
    /// Decides what one claimant wants Falcon to hold for an IOC of <paramref name="type"/>:
    /// <list type="bullet">
    /// <item><c>valid_until</c> at or before <paramref name="now"/> → <see cref="FieldDecisionKind.Expired"/> (never a write with a past date);
    /// otherwise it is the <c>expiration</c>, in UTC.</item>
    /// <item>platforms per <see cref="PlatformRules.Map"/>; none usable → <see cref="FieldDecisionKind.NoUsablePlatform"/>.</item>
    /// <item>action from <see cref="IocPolicy.ActionFor"/>; mobile action per <see cref="ActionRules.MobileActionFor"/>.</item>
    /// <item>severity per <see cref="SeverityRules.FromScore"/> (missing score → <see cref="IocPolicy.DefaultSeverity"/>).</item>
    /// <item>tags per <see cref="TextRules.TagsFromLabels"/> (never <c>TO_DELETE</c>, so a new claim on a disarmed IOC restores it).</item>
    /// <item>description: the STIX description, or the indicator's name when it has none, cut to 200 characters.</item>
    /// <item>source: <see cref="IocPolicy.Source"/> cut to 200 characters.</item>
    /// </list>
    /// Equal inputs give equal <see cref="FalconIocFields"/> (lists sorted).
    /// </summary>
    public static FieldDecision Decide(IocType type, IndicatorAttributes attributes, IocPolicy policy, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(attributes);
        ArgumentNullException.ThrowIfNull(policy);

        if (attributes.ValidUntil is { } validUntil && validUntil <= now)
        {
            return FieldDecision.Skip(FieldDecisionKind.Expired, ExpiredReason);
        }

        var platforms = PlatformRules.Map(attributes.Platforms, policy.FalconForMobileActive);
        if (!platforms.IsUsable)
        {
            return FieldDecision.Skip(FieldDecisionKind.NoUsablePlatform, platforms.SkipReason!, platforms.Ignored);
        }

        var action = policy.ActionFor(type);
        var fields = new FalconIocFields
        {
            Action = action,
            MobileAction = ActionRules.MobileActionFor(action),
            Severity = SeverityRules.FromScore(attributes.Score, policy.DefaultSeverity),
            Platforms = platforms.Platforms,
            Tags = TextRules.TagsFromLabels(attributes.Labels),
            Description = TextRules.Cut(attributes.Description, FalconLimits.MaxDescriptionLength)
                ?? TextRules.Cut(attributes.Name, FalconLimits.MaxDescriptionLength),
            Expiration = attributes.ValidUntil?.ToUniversalTime(),
            Source = SourceOf(policy),
        };
        return FieldDecision.Enforce(fields, platforms.Ignored);
    }

    /// <summary>
    /// The soft delete of an IOC whose last claimant left: the same fields plus the <c>TO_DELETE</c> tag, and — when
    /// <see cref="IocPolicy.SoftDeleteDisarms"/> (the default) — <c>no_action</c> for action and mobile action, so it
    /// stops detecting or blocking. With <c>SoftDeleteDisarms</c> false it only adds the tag (the Python connector's
    /// behaviour). Idempotent. To restore, callers simply enforce a fresh <see cref="Decide"/> result, which never
    /// carries the tag.
    /// </summary>
    public static FalconIocFields Disarm(FalconIocFields fields, IocPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(fields);
        ArgumentNullException.ThrowIfNull(policy);

        var tags = fields.Tags.Append(FalconTags.ToDelete).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        return policy.SoftDeleteDisarms
            ? fields with { Tags = tags, Action = FalconActions.NoAction, MobileAction = FalconMobileActions.NoAction }
            : fields with { Tags = tags };
    }

    /// <summary>True when <paramref name="fields"/> carry the <c>TO_DELETE</c> tag of a soft delete.</summary>
    public static bool IsDisarmed(FalconIocFields fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        return fields.Tags.Contains(FalconTags.ToDelete, StringComparer.Ordinal);
    }

    /// <summary>
    /// True when Falcon holding <paramref name="applied"/> fulfils <paramref name="desired"/>. Falcon's update
    /// treats a null field as "unchanged", so a description or expiration cannot be cleared once set: when the
    /// desired state has none, whatever Falcon holds is accepted (otherwise the saga would update for ever).
    /// </summary>
    public static bool Satisfies(FalconIocFields? applied, FalconIocFields? desired)
    {
        if (applied is null || desired is null)
        {
            return applied is null && desired is null;
        }

        var comparable = applied with
        {
            Description = desired.Description is null ? null : applied.Description,
            Expiration = desired.Expiration is null ? null : applied.Expiration,
        };
        return comparable.Equals(desired);
    }

    private static string SourceOf(IocPolicy policy) =>
        TextRules.Cut(policy.Source, FalconLimits.MaxSourceLength) ?? IocPolicy.DefaultSource;
}
