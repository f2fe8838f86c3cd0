using Connector.Testing;

namespace Connector.Hosting.Tests.Support;

[CollectionDefinition(Name)]
public sealed class RabbitMqTests : ICollectionFixture<RabbitMqBroker>
{
    public const string Name = "rabbitmq";
}
