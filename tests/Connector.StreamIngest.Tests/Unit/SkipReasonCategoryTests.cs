using Connector.Domain.Indicators;
using Connector.StreamIngest.Ingest;

namespace Connector.StreamIngest.Tests.Unit;

/// <summary>The categories are read from the domain's own reasons, so these go through the real reader.</summary>
public sealed class SkipReasonCategoryTests
{
    [Theory]
    [InlineData("stix", "[url:value = 'http://bad.example/x']", SkipReasonCategory.UnsupportedObservable)]
    [InlineData("stix", "[email-addr:value = 'a@b.example']", SkipReasonCategory.UnsupportedObservable)]
    [InlineData("stix", "[ipv4-addr:value = '198.51.100.7' AND domain-name:value = 'a.example']", SkipReasonCategory.Combination)]
    [InlineData("stix", "[ipv4-addr:value = '198.51.100.7'] AND [domain-name:value = 'a.example']", SkipReasonCategory.Combination)]
    [InlineData("stix", "[ipv4-addr:value = '198.51.100.7'] FOLLOWEDBY [domain-name:value = 'a.example']", SkipReasonCategory.Combination)]
    [InlineData("stix", "[ipv4-addr:value = '198.51.100.7'] WITHIN 5 SECONDS", SkipReasonCategory.Qualifier)]
    [InlineData("stix", "[ipv4-addr:value != '198.51.100.7']", SkipReasonCategory.Comparison)]
    [InlineData("stix", "[domain-name:value LIKE '%.example']", SkipReasonCategory.Comparison)]
    [InlineData("stix", "[ipv4-addr:value = 7]", SkipReasonCategory.Comparison)]
    [InlineData("stix", "[url:value = 'http://x' OR domain-name:value LIKE 'y']", SkipReasonCategory.NoSupportedTerm)]
    [InlineData("stix", "[ipv4-addr:value = '198.51.100.7'", SkipReasonCategory.SyntaxError)]
    [InlineData("stix", "", SkipReasonCategory.SyntaxError)]
    [InlineData("yara", "rule x { condition: true }", SkipReasonCategory.PatternType)]
    [InlineData(null, "[ipv4-addr:value = '198.51.100.7']", SkipReasonCategory.PatternType)]
    [InlineData("stix", "[ipv4-addr:value = '10.0.0.0/8']", "invalid-ipv4")]
    [InlineData("stix", "[ipv6-addr:value = 'not-an-address']", "invalid-ipv6")]
    [InlineData("stix", "[file:hashes.MD5 = 'abc']", "invalid-md5")]
    [InlineData("stix", "[file:hashes.'SHA-256' = 'xyz']", "invalid-sha256")]
    [InlineData("stix", "[domain-name:value = '-bad-.example']", "invalid-domain")]
    public void Each_domain_reason_falls_in_a_fixed_category(string? patternType, string pattern, string category)
    {
        var reading = IndicatorReader.Read(new IndicatorSnapshot { Id = "indicator--a", PatternType = patternType, Pattern = pattern }, DateTimeOffset.UnixEpoch);

        var skipped = Assert.Single(reading.Skipped);
        Assert.Equal(category, SkipReasonCategory.Of(skipped));
    }

    [Fact]
    public void An_unknown_sentence_is_other_rather_than_a_new_series()
    {
        Assert.Equal(SkipReasonCategory.Other, SkipReasonCategory.Of(new SkippedIoc("something new happened")));
        Assert.Equal(SkipReasonCategory.Other, SkipReasonCategory.Of(new SkippedIoc("not supported: a construct nobody foresaw")));
    }
}
