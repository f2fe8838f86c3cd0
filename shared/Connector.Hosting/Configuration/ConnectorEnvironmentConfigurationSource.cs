using System.Collections;
using Microsoft.Extensions.Configuration;

namespace Connector.Hosting.Configuration;

/// <summary>
/// Reads the <c>OPENCTI_*</c>, <c>CONNECTOR_*</c>, <c>CROWDSTRIKE_*</c>, <c>METRICS_*</c> and <c>RABBITMQ_*</c>
/// environment variables into their sections (see <see cref="ConnectorEnvironmentVariables"/>).
/// </summary>
public sealed class ConnectorEnvironmentConfigurationSource : IConfigurationSource
{
    /// <summary>The variables to read; null reads the process environment when the provider loads.</summary>
    public IDictionary? Environment { get; init; }

    /// <inheritdoc />
    public IConfigurationProvider Build(IConfigurationBuilder builder) => new ConnectorEnvironmentConfigurationProvider(Environment);
}

/// <summary>Provider of <see cref="ConnectorEnvironmentConfigurationSource"/>.</summary>
public sealed class ConnectorEnvironmentConfigurationProvider(IDictionary? environment) : ConfigurationProvider
{
    /// <inheritdoc />
    public override void Load()
    {
        var data = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (DictionaryEntry entry in environment ?? System.Environment.GetEnvironmentVariables())
        {
            // An empty variable (docker-compose writes VAR= for an unset one) counts as unset, so config.yml and
            // the defaults still apply.
            if (entry.Key is string name && entry.Value is string { Length: > 0 } value && !string.IsNullOrWhiteSpace(value)
                && ConnectorEnvironmentVariables.TryMapToKey(name, out var key))
            {
                data[key] = value;
            }
        }

        Data = data;
    }

    /// <inheritdoc />
    public override string ToString() => "Connector environment variables (OPENCTI_, CONNECTOR_, CROWDSTRIKE_, METRICS_, RABBITMQ_)";
}
