using Microsoft.Extensions.Options;

namespace Connector.Hosting.Settings;

/// <summary>Checks <see cref="ConnectorOptions.LogLevel"/> and <see cref="ConnectorOptions.LogFormat"/>, which every service reads.</summary>
internal sealed class ConnectorLoggingValidator : IValidateOptions<ConnectorOptions>
{
    private static readonly SettingName LogLevel = new("connector", "log_level");
    private static readonly SettingName LogFormat = new("connector", "log_format");

    public ValidateOptionsResult Validate(string? name, ConnectorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();

        if (ConnectorLogLevels.Parse(options.LogLevel) is null)
        {
            failures.Add($"{LogLevel} is '{options.LogLevel}': set it to debug, info, warn (or warning) or error.");
        }

        if (ConnectorLogLevels.IsJson(options.LogFormat) is null)
        {
            failures.Add($"{LogFormat} is '{options.LogFormat}': set it to json (one JSON object per line, the default) or text (readable lines).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
