using DomainSnapshot = Connector.Domain.Indicators.IndicatorSnapshot;
using StreamSnapshot = Connector.OpenCti.IndicatorSnapshot;

namespace Connector.StreamIngest.Ingest;

/// <summary>
/// The one place where the OpenCTI client's indicator (what a frame holds) becomes the domain's (what decides IOCs).
/// The two differ on purpose: the client keeps what OpenCTI sends (internal id, dates, raw JSON), the domain only what
/// the pattern rules read.
/// </summary>
internal static class IndicatorSnapshotMapping
{
    public static DomainSnapshot ToDomain(this StreamSnapshot indicator)
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
