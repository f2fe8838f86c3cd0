using Connector.Contracts;
using Connector.Domain.Normalization;
using Connector.Domain.Patterns;

namespace Connector.Domain.Indicators;

/// <summary>
/// Turns an OpenCTI indicator into IOC claims — the one code path used by stream-ingest and the reconciler, so
/// both always agree on what an indicator means. Pure: no policy (the Falcon field rules run later, in ioc-sync).
/// </summary>
public static class IndicatorReader
{
    /// <summary>
    /// Parses the pattern (<see cref="StixPatternParser.ParseIndicatorPattern"/>), normalises each value
    /// (<see cref="IocNormalizer"/>), drops duplicates after normalisation, and decides whether the indicator is
    /// wanted: a revoked indicator, or one whose <c>valid_until</c> is at or before <paramref name="now"/>, releases
    /// its IOCs (revoked wins when both hold).
    /// </summary>
    public static IndicatorReading Read(IndicatorSnapshot indicator, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(indicator);

        var skipped = new List<SkippedIoc>();
        var claims = new List<IocClaim>();
        var parsed = StixPatternParser.ParseIndicatorPattern(indicator.PatternType, indicator.Pattern);
        if (!parsed.IsSuccess)
        {
            skipped.Add(new SkippedIoc(parsed.Reason!));
        }
        else
        {
            skipped.AddRange(parsed.Skipped.Select(term => new SkippedIoc(term.Reason, RawValue: term.Term)));
            var attributes = AttributesOf(indicator);
            var keys = new HashSet<IocKey>();
            foreach (var ioc in parsed.Iocs)
            {
                var normalized = IocNormalizer.TryNormalize(ioc.Type, ioc.RawValue);
                if (!normalized.IsOk)
                {
                    skipped.Add(new SkippedIoc(normalized.Reason!, ioc.Type, ioc.RawValue));
                }
                else if (keys.Add(normalized.Key))
                {
                    claims.Add(new IocClaim(normalized.Key, attributes));
                }
            }
        }

        var releaseReason = indicator.Revoked ? IndicatorReading.RevokedReason
            : indicator.ValidUntil is { } validUntil && validUntil <= now ? IndicatorReading.ExpiredReason
            : null;
        return new IndicatorReading(indicator.Id, claims, skipped, releaseReason);
    }

    private static IndicatorAttributes AttributesOf(IndicatorSnapshot indicator) => new()
    {
        Name = indicator.Name,
        Description = indicator.Description,
        Score = indicator.Score,
        Platforms = indicator.Platforms ?? [],
        Labels = indicator.Labels ?? [],
        ValidUntil = indicator.ValidUntil,
    };
}
