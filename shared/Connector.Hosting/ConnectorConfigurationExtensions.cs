using System.Collections;
using Connector.Hosting.Configuration;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.CommandLine;

namespace Connector.Hosting;

/// <summary>Adds the Python connector's configuration sources: its environment variables and its <c>config.yml</c>.</summary>
public static class ConnectorConfigurationExtensions
{
    /// <summary>The environment variable that names the YAML file (default: <c>config.yml</c> in the working directory).</summary>
    public const string ConfigFileVariable = "CONNECTOR_CONFIG_FILE";

    /// <summary>The YAML file read when <see cref="ConfigFileVariable"/> is not set.</summary>
    public const string DefaultConfigFileName = "config.yml";

    /// <summary>
    /// Adds <c>config.yml</c> and then the connector's environment variables, so the environment wins over the file
    /// and the file over the defaults in the settings classes. Both go before the command line, which still wins.
    /// </summary>
    /// <exception cref="ConfigurationFileException">The file is malformed, or <c>CONNECTOR_CONFIG_FILE</c> names a missing file.</exception>
    public static IConfigurationBuilder AddConnectorConfiguration(this IConfigurationBuilder builder) =>
        builder.AddConnectorConfiguration(Environment.GetEnvironmentVariables(), Directory.GetCurrentDirectory());

    /// <summary>
    /// <see cref="AddConnectorConfiguration(IConfigurationBuilder)"/> with a given environment and working directory
    /// (tests, tools).
    /// </summary>
    public static IConfigurationBuilder AddConnectorConfiguration(this IConfigurationBuilder builder, IDictionary environment, string workingDirectory)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(environment);

        // Read the file before touching the builder, so a malformed file leaves no half-added source behind.
        var yaml = ReadYaml(environment, workingDirectory);
        return builder.AddSources(yaml, environment);
    }

    /// <summary>
    /// Like <see cref="AddConnectorConfiguration(IConfigurationBuilder, IDictionary, string)"/>, but an unusable file is
    /// returned rather than thrown, and the environment variables are added all the same, so the start can report the
    /// file together with every other bad setting.
    /// </summary>
    internal static ConfigurationFileException? TryAddConnectorConfiguration(this IConfigurationBuilder builder, IDictionary environment, string workingDirectory)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(environment);

        ConfigurationFileException? problem = null;
        ConnectorYamlConfigurationSource yaml;
        try
        {
            yaml = ReadYaml(environment, workingDirectory);
        }
        catch (ConfigurationFileException e)
        {
            problem = e;
            yaml = new() { Path = e.Path, Exists = File.Exists(e.Path), Data = new Dictionary<string, string?>() };
        }

        builder.AddSources(yaml, environment);
        return problem;
    }

    private static IConfigurationBuilder AddSources(this IConfigurationBuilder builder, ConnectorYamlConfigurationSource yaml, IDictionary environment)
    {
        var variables = new ConnectorEnvironmentConfigurationSource { Environment = environment };
        var commandLine = LastIndexOfCommandLine(builder.Sources);
        if (commandLine < 0)
        {
            builder.Add(yaml);
            builder.Add(variables);
        }
        else
        {
            builder.Sources.Insert(commandLine, variables);
            builder.Sources.Insert(commandLine, yaml);
        }

        return builder;
    }

    private static ConnectorYamlConfigurationSource ReadYaml(IDictionary environment, string workingDirectory)
    {
        var named = environment[ConfigFileVariable] as string;
        if (string.IsNullOrWhiteSpace(named))
        {
            return ConnectorYamlConfigurationSource.Read(Path.Combine(workingDirectory, DefaultConfigFileName));
        }

        var path = Path.GetFullPath(named, workingDirectory);
        var source = ConnectorYamlConfigurationSource.Read(path);
        if (!source.Exists)
        {
            throw new ConfigurationFileException(
                path,
                $"{ConfigFileVariable} names {path}, which does not exist: fix the path, or unset {ConfigFileVariable} to read {DefaultConfigFileName} from the working directory.");
        }

        return source;
    }

    private static int LastIndexOfCommandLine(IList<IConfigurationSource> sources)
    {
        for (var i = sources.Count - 1; i >= 0; i--)
        {
            if (sources[i] is CommandLineConfigurationSource)
            {
                return i;
            }
        }

        return -1;
    }
}
