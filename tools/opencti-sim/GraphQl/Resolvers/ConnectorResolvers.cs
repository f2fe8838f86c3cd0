using System.Text.Json.Nodes;
using OpenCtiSim.Events;
using OpenCtiSim.Stix;

namespace OpenCtiSim.GraphQl.Resolvers;

/// <summary><c>registerConnector</c>, <c>pingConnector</c> and <c>connector(id)</c>.</summary>
internal static class ConnectorResolvers
{
    private static readonly HashSet<string> ConnectorTypes = new(StringComparer.Ordinal)
    {
        "EXTERNAL_IMPORT", "INTERNAL_IMPORT_FILE", "INTERNAL_ENRICHMENT", "INTERNAL_ANALYSIS", "INTERNAL_EXPORT_FILE", "STREAM",
    };

    private static readonly HashSet<string> InputFields = new(StringComparer.Ordinal)
    {
        "id", "name", "type", "scope", "auto", "auto_update", "only_contextual", "playbook_compatible",
        "listen_callback_uri", "enrichment_resolution",
    };

    public static RootField Register(OpenCtiSimPlatform platform) =>
        new("Mutation", new HashSet<string>(["input"], StringComparer.Ordinal), args =>
        {
            if (args["input"] is not JsonObject input)
            {
                throw new GraphQlException("Argument \"input\" of type \"RegisterConnectorInput\" is required.", "BAD_USER_INPUT");
            }

            foreach (var key in input.Select(p => p.Key))
            {
                if (!InputFields.Contains(key))
                {
                    throw new GraphQlException($"Field \"{key}\" is not defined by type \"RegisterConnectorInput\".", "BAD_USER_INPUT");
                }
            }

            var id = Args.RequiredString(input, "id", "ID!");
            var name = Args.RequiredString(input, "name");
            var type = Args.RequiredString(input, "type", "ConnectorType!");
            if (!ConnectorTypes.Contains(type))
            {
                throw new GraphQlException($"Value \"{type}\" does not exist in \"ConnectorType\" enum.", "BAD_USER_INPUT");
            }

            var scope = Args.OptionalStrings(input, "scope");
            Args.OptionalBool(input, "auto");
            Args.OptionalBool(input, "only_contextual");
            Args.OptionalBool(input, "playbook_compatible");
            return ToNode(platform.RegisterConnector(id, name, type, scope));
        });

    public static RootField Ping(OpenCtiSimPlatform platform) =>
        new("Mutation", new HashSet<string>(["id", "state", "connectorInfo"], StringComparer.Ordinal), args =>
        {
            var id = Args.RequiredString(args, "id", "ID!");
            var state = Args.OptionalString(args, "state");
            if (args["connectorInfo"] is not (null or JsonObject))
            {
                throw new GraphQlException("Argument \"connectorInfo\" must be a ConnectorInfoInput.", "BAD_USER_INPUT");
            }

            try
            {
                return ToNode(platform.PingConnector(id, state));
            }
            catch (KeyNotFoundException)
            {
                throw new GraphQlException("No connector found with the specified ID");
            }
        });

    public static RootField Get(OpenCtiSimPlatform platform) =>
        new("Query", new HashSet<string>(["id"], StringComparer.Ordinal), args =>
            platform.GetConnector(Args.RequiredString(args, "id", "String!")) is { } connector ? ToNode(connector) : null);

    private static JsonObject ToNode(SimConnector c) => new()
    {
        ["__typename"] = "Connector",
        ["id"] = c.Id,
        ["name"] = c.Name,
        ["active"] = true,
        ["auto"] = false,
        ["only_contextual"] = false,
        ["playbook_compatible"] = false,
        ["connector_type"] = c.Type,
        ["connector_scope"] = new JsonArray([.. c.Scope.Select(s => (JsonNode?)s)]),
        ["connector_state"] = c.State,
        ["connector_state_reset"] = c.StateResetPending,
        ["connector_user_id"] = EventFactory.AdminUserId,
        ["updated_at"] = SimTime.Format(c.LastPingAt ?? c.RegisteredAt),
        ["created_at"] = SimTime.Format(c.RegisteredAt),
        ["config"] = new JsonObject
        {
            ["__typename"] = "ConnectorConfig",
            ["connection"] = new JsonObject
            {
                ["__typename"] = "RabbitMQConnection",
                ["host"] = "localhost",
                ["vhost"] = "/",
                ["use_ssl"] = false,
                ["port"] = 5672,
                ["user"] = "guest",
                ["pass"] = "guest",
            },
            ["listen"] = $"listen_{c.Id}",
            ["listen_routing"] = $"listen_routing_{c.Id}",
            ["listen_exchange"] = "amqp.connector.exchange",
            ["push"] = $"push_{c.Id}",
            ["push_routing"] = $"push_routing_{c.Id}",
            ["push_exchange"] = "amqp.worker.exchange",
        },
    };
}
