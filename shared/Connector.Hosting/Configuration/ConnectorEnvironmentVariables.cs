namespace Connector.Hosting.Configuration;

/// <summary>
/// Maps the connector's environment variables to configuration keys the way pycti's <c>get_config_variable</c>
/// pairs them with yaml paths: <c>CONNECTOR_LIVE_STREAM_ID</c> is <c>connector.live_stream_id</c> in
/// <c>config.yml</c> and <c>connector:live_stream_id</c> here.
/// </summary>
public static class ConnectorEnvironmentVariables
{
    /// <summary>The prefixes whose variables become configuration sections (the prefix, lowercased, names the section).</summary>
    public static IReadOnlyList<string> Prefixes { get; } = ["OPENCTI_", "CONNECTOR_", "CROWDSTRIKE_", "METRICS_", "RABBITMQ_", "IOC_SYNC_", "STREAM_INGEST_", "RECONCILER_"];

    /// <summary>
    /// The configuration key of an environment variable: the first <c>_</c> separates the section from the key,
    /// and both are lowercased. False for variables outside <see cref="Prefixes"/> or with nothing after the prefix.
    /// </summary>
    public static bool TryMapToKey(string variableName, out string key)
    {
        ArgumentNullException.ThrowIfNull(variableName);
        foreach (var prefix in Prefixes)
        {
            if (variableName.Length > prefix.Length && variableName.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            {
                var section = prefix[..^1].ToLowerInvariant();
                key = $"{section}:{variableName[prefix.Length..].ToLowerInvariant()}";
                return true;
            }
        }

        key = "";
        return false;
    }
}
