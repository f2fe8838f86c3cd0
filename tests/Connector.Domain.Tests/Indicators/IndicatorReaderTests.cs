using Connector.Contracts;
using Connector.Domain.Indicators;

namespace Connector.Domain.Tests.Indicators;

public sealed class IndicatorReaderTests
{
    private static readonly DateTimeOffset Now = new(2025, 6, 1, 12, 0, 0, TimeSpan.Zero);
    private const string Sha256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
    private const string Md5 = "d41d8cd98f00b204e9800998ecf8427e";

    private static IndicatorSnapshot Indicator(string pattern, string patternType = "stix") => new()
    {
        Id = "indicator--6a8f0c1e-1f1b-4e55-9d4e-1a2b3c4d5e6f",
        PatternType = patternType,
        Pattern = pattern,
        Score = 70,
        Platforms = ["windows"],
        Labels = ["c2"],
        Description = "desc",
        Name = "name",
        ValidUntil = Now.AddDays(1),
    };

    [Fact]
    public void An_indicator_claims_its_normalised_ioc_with_its_attributes()
    {
        var reading = IndicatorReader.Read(Indicator("[domain-name:value = 'Evil.Example.']"), Now);

        Assert.True(reading.IsWanted);
        Assert.Null(reading.ReleaseReason);
        Assert.Equal("indicator--6a8f0c1e-1f1b-4e55-9d4e-1a2b3c4d5e6f", reading.IndicatorId);
        Assert.Empty(reading.Skipped);
        var claim = Assert.Single(reading.Claims);
        Assert.Equal(new IocKey(IocType.Domain, "evil.example"), claim.Key);
        Assert.Equal("name", claim.Attributes.Name);
        Assert.Equal("desc", claim.Attributes.Description);
        Assert.Equal(70, claim.Attributes.Score);
        Assert.Equal(["windows"], claim.Attributes.Platforms);
        Assert.Equal(["c2"], claim.Attributes.Labels);
        Assert.Equal(Now.AddDays(1), claim.Attributes.ValidUntil);
    }

    public static TheoryData<string, string[]> Fix1Patterns => new()
    {
        { "[domain-name:value='x.example']", ["domain:x.example"] },
        { $"[file:hashes.MD5 = '{Md5.ToUpperInvariant()}']", [$"md5:{Md5}"] },
        { $"[file:hashes.SHA256 = '{Sha256.ToUpperInvariant()}']", [$"sha256:{Sha256}"] },
        { $"[file:hashes.MD5 = '{Md5}' OR file:hashes.'SHA-256' = '{Sha256}']", [$"md5:{Md5}", $"sha256:{Sha256}"] },
        { "[ipv6-addr:value = '2001:DB8:0:0:0:0:0:1']", ["ipv6:2001:db8::1"] },
        { "[hostname:value = 'HOST.Example']", ["domain:host.example"] },
        { "[ipv4-addr:value = '198.51.100.7'] OR [ipv4-addr:value = ' 198.51.100.8 ']", ["ipv4:198.51.100.7", "ipv4:198.51.100.8"] },
        // Duplicates after normalisation are one claim.
        { "[domain-name:value = 'A.example' OR domain-name:value = 'a.example.' OR hostname:value = 'a.EXAMPLE']", ["domain:a.example"] },
        { "[ipv6-addr:value = '::1'] OR [ipv6-addr:value = '0:0:0:0:0:0:0:1']", ["ipv6:::1"] },
    };

    [Theory]
    [MemberData(nameof(Fix1Patterns))]
    public void Fix_1_every_pattern_shape_yields_normalised_claims(string pattern, string[] keys)
    {
        var reading = IndicatorReader.Read(Indicator(pattern), Now);

        Assert.Equal(keys, reading.Claims.Select(c => c.Key.ToString()));
        Assert.Empty(reading.Skipped);
    }

    [Theory]
    [InlineData("[ipv4-addr:value = '10.0.0.0/8']", IocType.Ipv4, "10.0.0.0/8", "CIDR ranges are not supported")]
    [InlineData("[domain-name:value = 'evil example.com']", IocType.Domain, "evil example.com", "domain contains a character that is not allowed: U+0020")]
    [InlineData(@"[domain-name:value = 'it\'s.example']", IocType.Domain, "it's.example", "domain contains a character that is not allowed: '''")]
    [InlineData("[ipv6-addr:value = '1.2.3.4']", IocType.Ipv6, "1.2.3.4", "an IPv4 address where an IPv6 address is expected")]
    [InlineData("[file:hashes.MD5 = 'abc']", IocType.Md5, "abc", "md5 must be 32 hexadecimal characters, got 3")]
    public void An_invalid_value_is_skipped_with_its_raw_value(string pattern, IocType type, string raw, string reason)
    {
        var reading = IndicatorReader.Read(Indicator(pattern), Now);

        Assert.Empty(reading.Claims);
        Assert.Equal([new SkippedIoc(reason, type, raw)], reading.Skipped);
    }

    [Fact]
    public void Valid_and_invalid_values_of_one_pattern_are_split()
    {
        var reading = IndicatorReader.Read(Indicator("[domain-name:value = 'ok.example' OR domain-name:value = 'bad..example' OR url:value = 'http://x']"), Now);

        Assert.Equal(["domain:ok.example"], reading.Claims.Select(c => c.Key.ToString()));
        Assert.Equal(
            [
                new SkippedIoc("not supported: object path 'url:value'", RawValue: "url:value = 'http://x'"),
                new SkippedIoc("domain has an empty label", IocType.Domain, "bad..example"),
            ],
            reading.Skipped);
    }

    [Theory]
    [InlineData("[domain-name:value = 'a' AND domain-name:value = 'b']", "stix", "not supported: AND combines comparisons and cannot be reduced to single IOCs")]
    [InlineData("[url:value = 'http://x']", "stix", "not supported: object path 'url:value'")]
    [InlineData("rule x { condition: true }", "yara", "not supported: pattern_type 'yara'")]
    [InlineData("[domain-name:value = 'a'", "stix", "syntax error at 24: unexpected end of pattern where ']' to close the observation was expected")]
    public void An_unusable_pattern_is_one_skipped_item(string pattern, string patternType, string reason)
    {
        var reading = IndicatorReader.Read(Indicator(pattern, patternType), Now);

        Assert.Empty(reading.Claims);
        Assert.Equal([new SkippedIoc(reason)], reading.Skipped);
        Assert.True(reading.IsWanted);
    }

    [Fact]
    public void A_revoked_indicator_releases_its_iocs()
    {
        var reading = IndicatorReader.Read(Indicator("[domain-name:value = 'a.example']") with { Revoked = true }, Now);

        Assert.False(reading.IsWanted);
        Assert.Equal("revoked", reading.ReleaseReason);
        Assert.Equal(["domain:a.example"], reading.Claims.Select(c => c.Key.ToString()));
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(0)]
    public void Fix_8_an_indicator_past_its_valid_until_releases_its_iocs(int minutes)
    {
        var reading = IndicatorReader.Read(Indicator("[domain-name:value = 'a.example']") with { ValidUntil = Now.AddMinutes(minutes) }, Now);

        Assert.False(reading.IsWanted);
        Assert.Equal("expired", reading.ReleaseReason);
        Assert.Single(reading.Claims);
    }

    [Fact]
    public void Revoked_is_the_reason_when_an_indicator_is_also_expired()
    {
        var reading = IndicatorReader.Read(Indicator("[domain-name:value = 'a.example']") with { Revoked = true, ValidUntil = Now.AddDays(-1) }, Now);

        Assert.Equal("revoked", reading.ReleaseReason);
    }

    [Fact]
    public void An_indicator_without_valid_until_is_wanted()
    {
        var reading = IndicatorReader.Read(Indicator("[domain-name:value = 'a.example']") with { ValidUntil = null }, Now);

        Assert.True(reading.IsWanted);
        Assert.Null(reading.Claims[0].Attributes.ValidUntil);
    }

    [Fact]
    public void Missing_optional_fields_become_empty_attributes()
    {
        var snapshot = new IndicatorSnapshot { Id = "indicator--x", PatternType = "stix", Pattern = "[domain-name:value = 'a.example']" };

        var claim = Assert.Single(IndicatorReader.Read(snapshot, Now).Claims);

        Assert.Null(claim.Attributes.Name);
        Assert.Null(claim.Attributes.Description);
        Assert.Null(claim.Attributes.ValidUntil);
        Assert.Empty(claim.Attributes.Platforms);
        Assert.Empty(claim.Attributes.Labels);
        Assert.Null(claim.Attributes.Score);
    }

    [Fact]
    public void Reading_the_same_indicator_twice_gives_the_same_claims()
    {
        var indicator = Indicator("[domain-name:value = 'a.example' OR ipv4-addr:value = '1.2.3.4']");

        var first = IndicatorReader.Read(indicator, Now);
        var second = IndicatorReader.Read(indicator, Now);

        Assert.Equal(first.Claims.Select(c => c.Key), second.Claims.Select(c => c.Key));
        Assert.Equal(first.Claims.Select(c => c.Key.CorrelationId), second.Claims.Select(c => c.Key.CorrelationId));
    }
}
