using Microsoft.Extensions.Options;

namespace Connector.Hosting.Settings;

/// <summary>
/// Problems found while the configuration was assembled (a malformed <c>config.yml</c>), before any service
/// existed to report them. They fail the start together with the settings' own checks.
/// </summary>
internal sealed class ConfigurationProblems
{
    public List<string> Messages { get; } = [];
}

internal sealed class ConfigurationProblemsValidator : IValidateOptions<ConfigurationProblems>
{
    public ValidateOptionsResult Validate(string? name, ConfigurationProblems options) =>
        options.Messages.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(options.Messages);
}
