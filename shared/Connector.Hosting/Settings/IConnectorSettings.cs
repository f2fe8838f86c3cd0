namespace Connector.Hosting.Settings;

/// <summary>
/// A settings class bound from one configuration section by
/// <see cref="ConnectorSettingsServiceCollectionExtensions.AddConnectorSettings{TSettings}"/>.
/// </summary>
public interface IConnectorSettings
{
    /// <summary>The section name, e.g. <c>opencti</c>; also the environment variables' prefix.</summary>
    static abstract string SectionName { get; }
}
