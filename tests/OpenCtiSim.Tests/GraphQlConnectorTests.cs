using System.Net;
using System.Text.Json.Nodes;
using OpenCtiSim.Tests.Support;

namespace OpenCtiSim.Tests;

public sealed class GraphQlConnectorTests
{
    private const string ConnectorId = "9a2d4b0e-1f7c-4f5e-9a53-3a3c2e1f0b11";

    private const string Register = """
        mutation RegisterConnector($input: RegisterConnectorInput) {
          registerConnector(input: $input) { id connector_state connector_user_id
            config { connection { host vhost use_ssl port user pass } listen listen_exchange push push_exchange } } }
        """;

    private const string Ping = """
        mutation PingConnector($id: ID!, $state: String, $connectorInfo: ConnectorInfoInput) {
          pingConnector(id: $id, state: $state, connectorInfo: $connectorInfo) { id connector_state } }
        """;

    private static JsonObject RegisterInput() => new()
    {
        ["input"] = new JsonObject
        {
            ["id"] = ConnectorId,
            ["name"] = "CrowdStrike Endpoint Security",
            ["type"] = "STREAM",
            ["scope"] = new JsonArray("crowdstrike"),
            ["auto"] = false,
            ["only_contextual"] = false,
            ["playbook_compatible"] = false,
        },
    };

    private static JsonObject PingVariables(string state) => new()
    {
        ["id"] = ConnectorId,
        ["state"] = state,
        ["connectorInfo"] = new JsonObject { ["run_and_terminate"] = false, ["buffering"] = false, ["queue_threshold"] = 500 },
    };

    [Fact]
    public async Task Register_returns_exactly_the_requested_fields_and_a_null_state_the_first_time()
    {
        await using var sim = await Sim.StartAsync();
        using var client = new GraphQlClient(sim);

        var data = await client.DataAsync(Register, RegisterInput());

        var connector = data["registerConnector"]!.AsObject();
        Assert.Equal(["id", "connector_state", "connector_user_id", "config"], connector.Select(p => p.Key).ToArray());
        Assert.Equal(ConnectorId, connector["id"]!.GetValue<string>());
        Assert.Null(connector["connector_state"]);
        Assert.Equal(["connection", "listen", "listen_exchange", "push", "push_exchange"], connector["config"]!.AsObject().Select(p => p.Key).ToArray());
        Assert.Equal(["host", "vhost", "use_ssl", "port", "user", "pass"], connector["config"]!["connection"]!.AsObject().Select(p => p.Key).ToArray());
        Assert.Equal(["crowdstrike"], sim.Platform.GetConnector(ConnectorId)!.Scope);
        Assert.Equal(1, sim.Platform.Counters.GraphQlCallsOf("registerConnector"));
    }

    [Fact]
    public async Task Ping_stores_the_state_string_and_register_returns_it_later()
    {
        await using var sim = await Sim.StartAsync();
        using var client = new GraphQlClient(sim);
        await client.DataAsync(Register, RegisterInput());
        const string state = """{"start_from": "1717236930123-0", "recover_until": "2024-06-01T10:15:30.123Z"}""";

        var pinged = await client.DataAsync(Ping, PingVariables(state));
        var registered = await client.DataAsync(Register, RegisterInput());

        Assert.Equal(state, pinged["pingConnector"]!["connector_state"]!.GetValue<string>());
        Assert.Equal(state, registered["registerConnector"]!["connector_state"]!.GetValue<string>());
    }

    [Fact]
    public async Task After_a_reset_the_next_ping_answers_an_empty_state_once_then_stores_again()
    {
        await using var sim = await Sim.StartAsync();
        using var client = new GraphQlClient(sim);
        await client.DataAsync(Register, RegisterInput());
        await client.DataAsync(Ping, PingVariables("""{"start_from": "5-0"}"""));

        sim.Platform.ResetConnectorState(ConnectorId);
        var registered = await client.DataAsync(Register, RegisterInput());
        var first = await client.DataAsync(Ping, PingVariables("""{"start_from": "6-0"}"""));
        var second = await client.DataAsync(Ping, PingVariables("""{"start_from": "0-0"}"""));

        Assert.Equal(string.Empty, registered["registerConnector"]!["connector_state"]!.GetValue<string>());
        Assert.Equal(string.Empty, first["pingConnector"]!["connector_state"]!.GetValue<string>());
        Assert.Equal("""{"start_from": "0-0"}""", second["pingConnector"]!["connector_state"]!.GetValue<string>());
    }

    [Fact]
    public async Task Reset_through_the_http_hook_works_like_the_platform_method()
    {
        await using var sim = await Sim.StartAsync();
        using var client = new GraphQlClient(sim);
        using var http = new HttpClient { BaseAddress = sim.BaseAddress };
        await client.DataAsync(Register, RegisterInput());
        await client.DataAsync(Ping, PingVariables("null"));

        using var reset = await http.PostAsync(new Uri($"_sim/connectors/{ConnectorId}/reset", UriKind.Relative), null);
        var pinged = await client.DataAsync(Ping, PingVariables("""{"start_from": "6-0"}"""));

        Assert.Equal(HttpStatusCode.OK, reset.StatusCode);
        Assert.Equal(string.Empty, pinged["pingConnector"]!["connector_state"]!.GetValue<string>());
    }

    [Fact]
    public async Task Ping_of_an_unknown_connector_is_an_error_in_a_200()
    {
        await using var sim = await Sim.StartAsync();
        using var client = new GraphQlClient(sim);

        var answer = await client.QueryAsync(Ping, PingVariables("x"));

        Assert.Contains("No connector found", answer["errors"]![0]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Null(answer["data"]!["pingConnector"]);
    }

    [Fact]
    public async Task A_bad_token_is_an_auth_error_in_a_200()
    {
        await using var sim = await Sim.StartAsync();
        using var client = new GraphQlClient(sim, token: "wrong");

        var answer = await client.QueryAsync("query { about { version } }");

        Assert.Equal("AUTH_REQUIRED", answer["errors"]![0]!["extensions"]!["code"]!.GetValue<string>());
        Assert.Null(answer["data"]!["about"]);
    }

    [Theory]
    [InlineData("query { about { version nonsense } }", "Cannot query field \"nonsense\" on type \"AppInfo\"")]
    [InlineData("query { nonsense }", "Cannot query field \"nonsense\" on type \"Query\"")]
    [InlineData("mutation { about { version } }", "Cannot query field \"about\" on type \"Mutation\"")]
    [InlineData("query { about { version }", "Syntax Error")]
    [InlineData("query { indicators(bogus: 1) { edges { node { id } } } }", "Unknown argument \"bogus\"")]
    public async Task Invalid_documents_are_errors_in_a_200(string query, string expected)
    {
        await using var sim = await Sim.StartAsync();
        using var client = new GraphQlClient(sim);

        var answer = await client.QueryAsync(query);

        Assert.Contains(expected, answer["errors"]![0]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task About_answers_the_platform_version_with_aliases_and_typename()
    {
        await using var sim = await Sim.StartAsync();
        using var client = new GraphQlClient(sim);

        var data = await client.DataAsync("query Health { about { v: version __typename } }");

        Assert.Equal("6.8.0", data["about"]!["v"]!.GetValue<string>());
        Assert.Equal("AppInfo", data["about"]!["__typename"]!.GetValue<string>());
    }

    [Fact]
    public async Task Injected_failures_answer_500_then_recover()
    {
        await using var sim = await Sim.StartAsync();
        using var client = new GraphQlClient(sim);
        sim.Platform.Faults.FailNextGraphQlRequests(1);

        using var failed = await client.PostAsync("query { about { version } }");
        var ok = await client.DataAsync("query { about { version } }");

        Assert.Equal(HttpStatusCode.InternalServerError, failed.StatusCode);
        Assert.NotNull(ok["about"]);
    }

    [Fact]
    public async Task Register_with_an_unknown_connector_type_is_refused()
    {
        await using var sim = await Sim.StartAsync();
        using var client = new GraphQlClient(sim);
        var input = RegisterInput();
        input["input"]!["type"] = "NOT_A_TYPE";

        var answer = await client.QueryAsync(Register, input);

        Assert.NotNull(answer["errors"]);
        Assert.Empty(sim.Platform.Connectors);
    }
}
