using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Connector.Hosting.Settings;

/// <summary>Binds <typeparamref name="TSettings"/> from its section with <see cref="SettingsBinder"/>.</summary>
internal sealed class SettingsSectionBinding<TSettings>(IConfiguration configuration) : IConfigureOptions<TSettings>
    where TSettings : class, IConnectorSettings
{
    public void Configure(TSettings options) => SettingsBinder.Bind(configuration, TSettings.SectionName, options);
}

/// <summary>
/// Reports every value of the section that cannot be read as its property's type (a port that is not a number,
/// a flag that is not a boolean). The binder left those at their defaults; this makes the start fail instead.
/// </summary>
internal sealed class SettingsValueValidator<TSettings>(IConfiguration configuration) : IValidateOptions<TSettings>
    where TSettings : class, IConnectorSettings, new()
{
    public ValidateOptionsResult Validate(string? name, TSettings options)
    {
        var problems = SettingsBinder.Bind(configuration, TSettings.SectionName, new TSettings());
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
