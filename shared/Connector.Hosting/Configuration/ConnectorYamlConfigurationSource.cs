using Microsoft.Extensions.Configuration;

namespace Connector.Hosting.Configuration;

/// <summary>
/// The settings of the connector's <c>config.yml</c>, read once when the configuration is assembled (the connector
/// is restarted to change its settings, like the Python connector). Built by
/// <see cref="ConnectorConfigurationExtensions.AddConnectorConfiguration(IConfigurationBuilder)"/>.
/// </summary>
public sealed class ConnectorYamlConfigurationSource : IConfigurationSource
{
    /// <summary>The full path of the file.</summary>
    public required string Path { get; init; }

    /// <summary>Whether the file existed when it was read.</summary>
    public required bool Exists { get; init; }

    /// <summary>The flattened settings (<c>section:key</c>).</summary>
    public required IReadOnlyDictionary<string, string?> Data { get; init; }

    /// <summary>Reads and flattens a YAML file; a missing file gives no settings.</summary>
    /// <exception cref="ConfigurationFileException">The file is not valid YAML or not a map of sections.</exception>
    public static ConnectorYamlConfigurationSource Read(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var fullPath = System.IO.Path.GetFullPath(path);
        if (!File.Exists(fullPath))
        {
            return new() { Path = fullPath, Exists = false, Data = new Dictionary<string, string?>() };
        }

        string text;
        try
        {
            text = File.ReadAllText(fullPath);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ConfigurationFileException(fullPath, $"The configuration file {fullPath} cannot be read: {e.Message}", innerException: e);
        }

        return new() { Path = fullPath, Exists = true, Data = YamlConfigurationFlattener.Flatten(text, fullPath) };
    }

    /// <inheritdoc />
    public IConfigurationProvider Build(IConfigurationBuilder builder) => new ConnectorYamlConfigurationProvider(this);
}

/// <summary>Provider of <see cref="ConnectorYamlConfigurationSource"/>.</summary>
public sealed class ConnectorYamlConfigurationProvider(ConnectorYamlConfigurationSource source) : ConfigurationProvider
{
    /// <summary>The source this provider serves.</summary>
    public ConnectorYamlConfigurationSource Source { get; } = source;

    /// <inheritdoc />
    public override void Load() => Data = new Dictionary<string, string?>(Source.Data, StringComparer.OrdinalIgnoreCase);

    /// <inheritdoc />
    public override string ToString() => $"Connector YAML file {Source.Path} ({(Source.Exists ? "found" : "not found")})";
}
