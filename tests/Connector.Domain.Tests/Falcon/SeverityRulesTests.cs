using Connector.Domain.Falcon;

namespace Connector.Domain.Tests.Falcon;

public sealed class SeverityRulesTests
{
    [Theory]
    [InlineData(0, "informational")]
    [InlineData(19, "informational")]
    [InlineData(20, "low")]
    [InlineData(39, "low")]
    [InlineData(40, "medium")]
    [InlineData(59, "medium")]
    [InlineData(60, "high")]
    [InlineData(79, "high")]
    [InlineData(80, "critical")]
    [InlineData(100, "critical")]
    // Out of range clamps into 0–100.
    [InlineData(-1, "informational")]
    [InlineData(int.MinValue, "informational")]
    [InlineData(101, "critical")]
    [InlineData(int.MaxValue, "critical")]
    public void A_score_falls_in_the_reference_bands(int score, string severity)
    {
        Assert.Equal(severity, SeverityRules.FromScore(score, "medium"));
    }

    [Theory]
    [InlineData("medium")]
    [InlineData("high")]
    [InlineData("informational")]
    public void A_missing_score_gives_the_policy_default(string defaultSeverity)
    {
        Assert.Equal(defaultSeverity, SeverityRules.FromScore(null, defaultSeverity));
    }

    [Theory]
    [InlineData("informational", 0)]
    [InlineData("low", 1)]
    [InlineData("medium", 2)]
    [InlineData("high", 3)]
    [InlineData("critical", 4)]
    [InlineData("HIGH", -1)]
    [InlineData("severe", -1)]
    [InlineData("", -1)]
    [InlineData(null, -1)]
    public void Severities_rank_from_least_to_most_severe(string? severity, int rank)
    {
        Assert.Equal(rank, FalconSeverities.Rank(severity));
    }
}
