using DomainSnapshot = Connector.Domain.Indicators.IndicatorSnapshot;
using OpenCtiSnapshot = Connector.OpenCti.IndicatorSnapshot;

namespace Connector.OpenCti.Indicators;

/// <summary>
/// The one place where the OpenCTI client's indicator (what a frame or a GraphQL page holds) becomes the domain's
/// (what decides IOCs), so stream-ingest and the reconciler read indicators through one code path. The two differ on
/// purpose: the client keeps what OpenCTI sends (internal id, dates, raw JSON), the domain only what its rules read.
/// </summary>
public static class IndicatorSnapshotDomainExtensions
{
    /// <summary>The fields the domain reads, copied as they are (no interpretation here).</summary>
    public static DomainSnapshot ToDomain(this OpenCtiSnapshot indicator)
    {
        ArgumentNullException.ThrowIfNull(indicator);
        return new DomainSnapshot
        {
            Id = indicator.Id,
            PatternType = indicator.PatternType,
            Pattern = indicator.Pattern,
            Revoked = indicator.Revoked,
            ValidUntil = indicator.ValidUntil,
            Score = indicator.Score,
            Platforms = indicator.Platforms,
            Labels = indicator.Labels,
            Description = indicator.Description,
            Name = indicator.Name,
        };
    }
}
