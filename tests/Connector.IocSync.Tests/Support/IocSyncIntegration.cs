namespace Connector.IocSync.Tests.Support;

/// <summary>
/// The integration specs run one class at a time: each starts the service, a broker virtual host and falcon-sim,
/// and two cores are better spent on one of them than shared by several.
/// </summary>
[CollectionDefinition(Name)]
public sealed class IocSyncIntegration
{
    public const string Name = "ioc-sync integration";
}
