namespace Connector.Domain.Falcon;

/// <summary>Falcon's IOC <c>platforms</c> values.</summary>
public static class FalconPlatforms
{
    public const string Windows = "windows";
    public const string Mac = "mac";
    public const string Linux = "linux";
    public const string Android = "android";
    public const string Ios = "ios";

    /// <summary>Every platform Falcon knows, sorted.</summary>
    public static IReadOnlyList<string> All { get; } = [Android, Ios, Linux, Mac, Windows];

    /// <summary>The platforms that need Falcon for Mobile.</summary>
    public static IReadOnlyList<string> Mobile { get; } = [Android, Ios];

    /// <summary>What an indicator without platforms gets (the Python connector's default), sorted.</summary>
    public static IReadOnlyList<string> Default { get; } = [Linux, Mac, Windows];
}
