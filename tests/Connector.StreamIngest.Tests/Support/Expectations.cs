using Connector.Contracts;
using Connector.Domain.Indicators;
using OpenCtiSim;

namespace Connector.StreamIngest.Tests.Support;

/// <summary>What the stream should publish for the simulator's indicators, worked out with the domain's own reader.</summary>
public static class Expectations
{
    /// <summary>One entry per (indicator internal id, IOC) that an indicator wants now.</summary>
    public static HashSet<(string InternalId, IocKey Key)> WantedClaims(IEnumerable<SimIndicator> indicators, DateTimeOffset now)
    {
        var claims = new HashSet<(string, IocKey)>();
        foreach (var indicator in indicators)
        {
            var reading = IndicatorReader.Read(
                new IndicatorSnapshot
                {
                    Id = indicator.StandardId,
                    Pattern = indicator.Pattern,
                    PatternType = indicator.PatternType,
                    Revoked = indicator.Revoked,
                    ValidUntil = indicator.ValidUntil,
                },
                now);
            if (reading.IsWanted)
            {
                claims.UnionWith(reading.Claims.Select(c => (indicator.Id, c.Key)));
            }
        }

        return claims;
    }

    public static HashSet<(string InternalId, IocKey Key)> Upserts(IEnumerable<IndicatorChanged> changes) =>
        [.. changes.Where(c => c.Change == IndicatorChangeKind.Upsert).Select(c => (c.IndicatorInternalId!, c.Key))];

    public static OpenCtiSimOptions SimOptions(int seedIndicators = 0) => new()
    {
        HeartbeatInterval = TimeSpan.FromMilliseconds(200),
        SeedIndicators = seedIndicators,
    };
}
