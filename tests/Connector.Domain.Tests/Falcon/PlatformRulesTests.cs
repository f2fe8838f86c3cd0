using Connector.Domain.Falcon;

namespace Connector.Domain.Tests.Falcon;

public sealed class PlatformRulesTests
{
    public static TheoryData<string[]?, bool, string[], string[]> UsablePlatforms => new()
    {
        // No platforms: the reference default, sorted.
        { null, false, ["linux", "mac", "windows"], [] },
        { [], false, ["linux", "mac", "windows"], [] },
        { ["", "  "], true, ["linux", "mac", "windows"], [] },
        // Case-insensitive mapping.
        { ["windows"], false, ["windows"], [] },
        { ["Windows"], false, ["windows"], [] },
        { ["WINDOWS"], false, ["windows"], [] },
        { ["macos"], false, ["mac"], [] },
        { ["macOS"], false, ["mac"], [] },
        { ["mac"], false, ["mac"], [] },
        { ["MAC"], false, ["mac"], [] },
        { ["osx"], false, ["mac"], [] },
        { ["linux"], false, ["linux"], [] },
        { [" linux "], false, ["linux"], [] },
        // Sorted and distinct.
        { ["windows", "linux", "macos"], false, ["linux", "mac", "windows"], [] },
        { ["windows", "Windows", "WINDOWS"], false, ["windows"], [] },
        { ["macos", "mac"], false, ["mac"], [] },
        // Mobile platforms only with Falcon for Mobile.
        { ["android"], true, ["android"], [] },
        { ["ios"], true, ["ios"], [] },
        { ["iOS"], true, ["ios"], [] },
        { ["ios", "android", "windows"], true, ["android", "ios", "windows"], [] },
        { ["android", "windows"], false, ["windows"], ["android"] },
        { ["iOS", "linux"], false, ["linux"], ["iOS"] },
        // Unknown values are ignored.
        { ["network", "linux"], false, ["linux"], ["network"] },
        { ["azure-ad", "office-365", "macos"], true, ["mac"], ["azure-ad", "office-365"] },
    };

    [Theory]
    [MemberData(nameof(UsablePlatforms))]
    public void Mitre_platforms_map_to_falcon_platforms(string[]? given, bool mobile, string[] expected, string[] ignored)
    {
        var mapping = PlatformRules.Map(given, mobile);

        Assert.True(mapping.IsUsable, mapping.SkipReason);
        Assert.Equal(expected, mapping.Platforms);
        Assert.Equal(ignored, mapping.Ignored);
    }

    [Theory]
    [InlineData(new[] { "android" }, true)]
    [InlineData(new[] { "android", "ios" }, true)]
    [InlineData(new[] { "network" }, false)]
    [InlineData(new[] { "azure-ad", "saas" }, false)]
    [InlineData(new[] { "network", "android" }, true)]
    public void Named_platforms_none_of_them_usable_skip_the_ioc(string[] given, bool mentionsMobile)
    {
        var mapping = PlatformRules.Map(given, falconForMobileActive: false);

        Assert.False(mapping.IsUsable);
        Assert.Empty(mapping.Platforms);
        Assert.Equal(given, mapping.Ignored);
        Assert.StartsWith($"no platform Falcon can use in [{string.Join(", ", given)}]", mapping.SkipReason, StringComparison.Ordinal);
        Assert.Equal(mentionsMobile, mapping.SkipReason!.Contains("CROWDSTRIKE_FALCON_FOR_MOBILE_ACTIVE", StringComparison.Ordinal));
    }
}
