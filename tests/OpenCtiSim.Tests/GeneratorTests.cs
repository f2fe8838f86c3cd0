using OpenCtiSim.Tests.Support;

namespace OpenCtiSim.Tests;

public sealed class GeneratorTests
{
    private static readonly DateTimeOffset Anchor = new(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void The_same_seed_and_anchor_give_the_same_indicators()
    {
        var a = new IndicatorGenerator(7).Generate(500, Anchor);
        var b = new IndicatorGenerator(7).Generate(500, Anchor);

        Assert.Equal(a.Select(Describe), b.Select(Describe));
    }

    [Fact]
    public void Another_seed_gives_other_indicators()
    {
        var a = new IndicatorGenerator(7).Generate(50, Anchor);
        var b = new IndicatorGenerator(8).Generate(50, Anchor);

        Assert.NotEqual(a.Select(d => d.Pattern), b.Select(d => d.Pattern));
    }

    [Fact]
    public void Two_platforms_with_the_same_seed_generate_the_same_patterns_and_ids()
    {
        var a = new OpenCtiSimPlatform(new OpenCtiSimOptions { Seed = 3 }).GenerateIndicators(100);
        var b = new OpenCtiSimPlatform(new OpenCtiSimOptions { Seed = 3 }).GenerateIndicators(100);

        Assert.Equal(a.Select(i => (i.Id, i.StandardId, i.Pattern)), b.Select(i => (i.Id, i.StandardId, i.Pattern)));
    }

    public static TheoryData<string, Func<IndicatorDraft, bool>> Kinds => new()
    {
        { "ipv4", d => d.Pattern.StartsWith("[ipv4-addr:value", StringComparison.Ordinal) && !d.Pattern.Contains(" OR ", StringComparison.Ordinal) && !d.Pattern.Contains(" AND ", StringComparison.Ordinal) },
        { "ipv4 without spaces", d => d.Pattern.StartsWith("[ipv4-addr:value='", StringComparison.Ordinal) },
        { "ipv6", d => d.Pattern.StartsWith("[ipv6-addr:value", StringComparison.Ordinal) },
        { "ipv6 not canonical", d => d.Pattern.StartsWith("[ipv6-addr:value", StringComparison.Ordinal) && (d.Pattern.Contains("db8:0000", StringComparison.Ordinal) || d.Pattern.Contains("DB8", StringComparison.Ordinal)) },
        { "domain", d => d.Pattern.StartsWith("[domain-name:value", StringComparison.Ordinal) },
        { "domain upper case", d => d.Pattern.StartsWith("[domain-name:value", StringComparison.Ordinal) && d.Pattern.Any(char.IsUpper) },
        { "hostname", d => d.Pattern.StartsWith("[hostname:value", StringComparison.Ordinal) },
        { "md5", d => d.Pattern.StartsWith("[file:hashes.MD5 = ", StringComparison.Ordinal) },
        { "quoted md5", d => d.Pattern.StartsWith("[file:hashes.'MD5' = ", StringComparison.Ordinal) },
        { "quoted sha-256", d => d.Pattern.StartsWith("[file:hashes.'SHA-256' = ", StringComparison.Ordinal) },
        { "unquoted sha256", d => d.Pattern.StartsWith("[file:hashes.SHA256 = ", StringComparison.Ordinal) },
        { "compound or", d => d.Pattern.Contains(" OR ", StringComparison.Ordinal) },
        { "hash compound", d => d.Pattern.Contains("file:hashes.MD5", StringComparison.Ordinal) && d.Pattern.Contains(" OR file:hashes.'SHA-256'", StringComparison.Ordinal) },
        { "url", d => d.Pattern.StartsWith("[url:value", StringComparison.Ordinal) },
        { "and", d => d.Pattern.Contains(" AND ", StringComparison.Ordinal) },
        { "qualifier", d => d.Pattern.Contains("WITHIN", StringComparison.Ordinal) },
        { "sha-1", d => d.Pattern.Contains("'SHA-1'", StringComparison.Ordinal) },
        { "yara", d => d.PatternType == "yara" },
        { "sigma", d => d.PatternType == "sigma" },
        { "score missing", d => d.Score is null },
        { "score high", d => d.Score >= 80 },
        { "score low", d => d.Score < 20 },
        { "platforms missing", d => d.Platforms.Count == 0 },
        { "android or ios", d => d.Platforms.Contains("android") || d.Platforms.Contains("ios") },
        { "desktop platforms", d => d.Platforms.Contains("windows") && d.Platforms.Contains("linux") },
        { "labels", d => d.Labels.Count >= 2 },
        { "no labels", d => d.Labels.Count == 0 },
        { "long description", d => d.Description is { Length: > 200 } },
        { "no description", d => d.Description is null },
        { "valid_until past", d => d.ValidUntil < Anchor },
        { "valid_until future", d => d.ValidUntil > Anchor },
        { "valid_until missing", d => d.ValidUntil is null },
        { "revoked", d => d.Revoked },
        { "marking", d => d.MarkingRefs.Count == 1 },
        { "author", d => d.CreatedByRef is not null },
    };

    [Theory]
    [MemberData(nameof(Kinds))]
    public void A_thousand_indicators_contain_every_kind(string kind, Func<IndicatorDraft, bool> isKind)
    {
        var drafts = new IndicatorGenerator(42).Generate(1000, Anchor);

        var count = drafts.Count(isKind);

        Assert.True(count > 0, $"no {kind} among 1000 generated indicators");
        Assert.True(count < 1000, $"every generated indicator is {kind}");
    }

    [Fact]
    public void Patterns_are_unique_and_unsupported_ones_are_a_minority()
    {
        var drafts = new IndicatorGenerator(42).Generate(2000, Anchor);

        Assert.Equal(drafts.Count, drafts.Select(d => d.Pattern).Distinct().Count());
        var unsupported = drafts.Count(d => d.PatternType != "stix" || d.Pattern.Contains(" AND ", StringComparison.Ordinal)
            || d.Pattern.Contains("url:", StringComparison.Ordinal) || d.Pattern.Contains("SHA-1", StringComparison.Ordinal)
            || d.Pattern.Contains("email-addr", StringComparison.Ordinal) || d.Pattern.Contains("WITHIN", StringComparison.Ordinal));
        Assert.InRange(unsupported, 100, 600);
    }

    [Fact]
    public void Generated_indicators_reference_only_objects_the_platform_has()
    {
        var platform = new OpenCtiSimPlatform();

        var created = platform.GenerateIndicators(300);

        Assert.All(created.SelectMany(i => i.MarkingRefs), m => Assert.Contains(platform.Markings, k => k.StandardId == m));
        Assert.All(created.Where(i => i.CreatedByRef is not null), i => Assert.Contains(platform.Identities, k => k.StandardId == i.CreatedByRef));
        Assert.Equal(300, platform.IndicatorCount);
        Assert.Equal(300, platform.EventCount);
    }

    private static string Describe(IndicatorDraft d) =>
        string.Join('|', d.Id, d.Pattern, d.PatternType, d.Score, d.Description, string.Join(',', d.Labels), string.Join(',', d.Platforms),
            d.ValidUntil?.ToUnixTimeMilliseconds(), d.Revoked, string.Join(',', d.MarkingRefs), d.CreatedByRef, d.Created?.ToUnixTimeMilliseconds());
}
