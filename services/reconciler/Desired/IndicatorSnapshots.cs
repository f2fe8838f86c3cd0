using DomainSnapshot = Connector.Domain.Indicators.IndicatorSnapshot;
using OpenCtiSnapshot = Connector.OpenCti.IndicatorSnapshot;

namespace Connector.Reconciler.Desired;

/// <summary>Hands an indicator listed by the OpenCTI client to the domain's <c>IndicatorReader</c>.</summary>
internal static class IndicatorSnapshots
{
    /// <summary>The fields the domain reads, copied as they are (no interpretation here).</summary>
    public static DomainSnapshot ToDomain(this OpenCtiSnapshot indicator) => new()
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
