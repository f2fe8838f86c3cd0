namespace Connector.Domain.Falcon;

/// <summary>Falcon platforms from an indicator's MITRE platforms (<c>x_mitre_platforms</c>).</summary>
public static class PlatformRules
{
    /// <summary>
    /// Maps case-insensitively, ignoring surrounding spaces: <c>windows</c> → windows; <c>macos</c>, <c>mac</c>,
    /// <c>mac os</c>, <c>osx</c> → mac; <c>linux</c> → linux; <c>android</c> and <c>ios</c> → themselves only when
    /// <paramref name="falconForMobileActive"/>. Other values (MITRE's <c>network</c>, <c>azure-ad</c>, …) are ignored.
    /// No platforms at all (or only blanks) gives windows, mac and linux, as the Python connector did. Platforms
    /// given but none usable is a skip: Falcon refuses an IOC without platforms, and widening it to the default
    /// would enforce it where the indicator says it does not apply.
    /// </summary>
    public static PlatformMapping Map(IEnumerable<string?>? mitrePlatforms, bool falconForMobileActive)
    {
        var given = (mitrePlatforms ?? []).Where(p => !string.IsNullOrWhiteSpace(p)).Select(p => p!.Trim()).ToList();
        if (given.Count == 0)
        {
            return new PlatformMapping(FalconPlatforms.Default, [], null);
        }

        var platforms = new SortedSet<string>(StringComparer.Ordinal);
        var ignored = new List<string>();
        var mobileRefused = false;
        foreach (var value in given)
        {
            var platform = ToFalcon(value);
            if (platform is FalconPlatforms.Android or FalconPlatforms.Ios && !falconForMobileActive)
            {
                mobileRefused = true;
                platform = null;
            }

            if (platform is null)
            {
                ignored.Add(value);
            }
            else
            {
                platforms.Add(platform);
            }
        }

        if (platforms.Count > 0)
        {
            return new PlatformMapping([.. platforms], ignored, null);
        }

        var reason = $"no platform Falcon can use in [{string.Join(", ", given)}]"
            + (mobileRefused ? " (android and ios need Falcon for Mobile: CROWDSTRIKE_FALCON_FOR_MOBILE_ACTIVE)" : string.Empty);
        return new PlatformMapping([], ignored, reason);
    }

    private static string? ToFalcon(string value) => value.ToLowerInvariant() switch
    {
        "windows" => FalconPlatforms.Windows,
        "macos" or "mac" or "mac os" or "osx" or "os x" => FalconPlatforms.Mac,
        "linux" => FalconPlatforms.Linux,
        "android" => FalconPlatforms.Android,
        "ios" => FalconPlatforms.Ios,
        _ => null,
    };
}
