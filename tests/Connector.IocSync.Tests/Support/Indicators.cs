using Connector.Contracts;

namespace Connector.IocSync.Tests.Support;

/// <summary>IndicatorChanged messages as stream-ingest would publish them.</summary>
internal static class Indicators
{
    public static readonly DateTimeOffset Start = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);

    public static IndicatorChanged Upsert(string indicator, IocType type, string value, int version, int? score = 80, params string[] labels) => new()
    {
        IndicatorId = $"indicator--{indicator}",
        IndicatorInternalId = indicator,
        Type = type,
        Value = value,
        Change = IndicatorChangeKind.Upsert,
        Attributes = new IndicatorAttributes
        {
            Name = value,
            Description = $"Indicator {indicator}",
            Score = score,
            Platforms = ["windows", "linux"],
            Labels = labels,
            ValidUntil = Start.AddYears(5),
        },
        Version = Start.AddSeconds(version),
        Origin = ChangeOrigin.Stream,
    };

    public static IndicatorChanged Release(string indicator, IocType type, string value, int version) => new()
    {
        IndicatorId = $"indicator--{indicator}",
        IndicatorInternalId = indicator,
        Type = type,
        Value = value,
        Change = IndicatorChangeKind.Release,
        Version = Start.AddSeconds(version),
        Origin = ChangeOrigin.Stream,
        Reason = "deleted",
    };
}
