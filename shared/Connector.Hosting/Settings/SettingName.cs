namespace Connector.Hosting.Settings;

/// <summary>
/// One setting as a user knows it: <c>OPENCTI_URL</c> in the environment, <c>opencti.url</c> in <c>config.yml</c>.
/// Validation messages name settings through this so both spellings always appear.
/// </summary>
/// <param name="Section">The section, e.g. <c>opencti</c>.</param>
/// <param name="Key">The snake_case key inside the section, e.g. <c>url</c>.</param>
public readonly record struct SettingName(string Section, string Key)
{
    /// <summary>The environment variable, e.g. <c>OPENCTI_URL</c>.</summary>
    public string EnvironmentVariable => $"{Section}_{Key}".ToUpperInvariant();

    /// <summary>The dotted path in <c>config.yml</c>, e.g. <c>opencti.url</c>.</summary>
    public string YamlPath => $"{Section}.{Key}";

    /// <summary>The .NET configuration key, e.g. <c>opencti:url</c>.</summary>
    public string ConfigurationKey => $"{Section}:{Key}";

    /// <summary><c>OPENCTI_URL (opencti.url)</c>.</summary>
    public override string ToString() => $"{EnvironmentVariable} ({YamlPath})";
}
