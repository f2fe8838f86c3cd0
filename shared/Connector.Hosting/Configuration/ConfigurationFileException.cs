namespace Connector.Hosting.Configuration;

/// <summary>
/// The connector's configuration file cannot be used: it is not valid YAML, its shape is not a map of sections,
/// or it was named explicitly and does not exist. The message names the file and, where known, the line and column.
/// </summary>
public sealed class ConfigurationFileException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ConfigurationFileException(string path, string message, long? line = null, long? column = null, Exception? innerException = null)
        : base(message, innerException)
    {
        Path = path;
        Line = line;
        Column = column;
    }

    /// <summary>Creates the exception.</summary>
    public ConfigurationFileException()
        : this("", "The configuration file cannot be used.")
    {
    }

    /// <summary>Creates the exception.</summary>
    public ConfigurationFileException(string message)
        : this("", message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public ConfigurationFileException(string message, Exception innerException)
        : this("", message, innerException: innerException)
    {
    }

    /// <summary>The full path of the file.</summary>
    public string Path { get; }

    /// <summary>The 1-based line of the problem, when known.</summary>
    public long? Line { get; }

    /// <summary>The 1-based column of the problem, when known.</summary>
    public long? Column { get; }
}
