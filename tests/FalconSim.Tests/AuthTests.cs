using System.Net;
using System.Net.Http.Headers;
using System.Text;
using FalconSim.Tests.Support;

namespace FalconSim.Tests;

public sealed class AuthTests
{
    [Fact]
    public async Task Token_request_with_valid_credentials_answers_201_with_a_bearer_token_and_the_region()
    {
        await using var sim = await Sim.StartAsync(o => o.Region = "eu-1");
        using var http = Sim.Anonymous(sim.Host);

        using var response = await Sim.RequestTokenAsync(http, "falcon-sim-client", "falcon-sim-secret");

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var json = await Sim.ReadJsonAsync(response);
        Assert.False(string.IsNullOrEmpty(json["access_token"]!.GetValue<string>()));
        Assert.Equal("bearer", json["token_type"]!.GetValue<string>());
        Assert.Equal(1799, json["expires_in"]!.GetValue<int>());
        Assert.Equal("eu-1", response.Headers.GetValues("X-Cs-Region").Single());
        Assert.Equal(2, sim.Host.Counters.TokensIssued); // the Sim helper took one before
    }

    [Fact]
    public async Task Token_request_with_unknown_client_id_answers_400_naming_the_client_id()
    {
        await using var sim = await Sim.StartAsync();
        using var http = Sim.Anonymous(sim.Host);

        using var response = await Sim.RequestTokenAsync(http, "nobody", "falcon-sim-secret");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var message = Assert.Single(Sim.ErrorMessages(await Sim.ReadJsonAsync(response)));
        Assert.StartsWith("Failed to generate access token for clientID=nobody", message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, 403)]
    [InlineData(401, 401)]
    public async Task Token_request_with_wrong_secret_answers_the_configured_status(int? configured, int expected)
    {
        await using var sim = await Sim.StartAsync(o =>
        {
            if (configured is { } status)
            {
                o.BadSecretStatusCode = status;
            }
        });
        using var http = Sim.Anonymous(sim.Host);

        using var response = await Sim.RequestTokenAsync(http, "falcon-sim-client", "wrong");

        Assert.Equal(expected, (int)response.StatusCode);
        var json = await Sim.ReadJsonAsync(response);
        Assert.Equal(expected, json["errors"]![0]!["code"]!.GetValue<int>());
    }

    [Fact]
    public async Task Additional_clients_get_tokens_and_their_creations_carry_their_client_id()
    {
        await using var sim = await Sim.StartAsync(o => o.AdditionalClients["other-client"] = "other-secret");
        using var other = await Sim.ClientAsync(sim.Host, "other-client", "other-secret");

        using var response = await other.PostAsync("iocs/entities/indicators/v1", Sim.Body(Sim.Indicator()));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = (await Sim.ReadJsonAsync(response))["resources"]![0]!;
        Assert.Equal("other-client", created["created_by"]!.GetValue<string>());
        Assert.Equal("other-client", created["modified_by"]!.GetValue<string>());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("Bearer not-a-token")]
    [InlineData("Basic Zm9vOmJhcg==")]
    public async Task Api_call_without_a_valid_bearer_token_answers_401_with_Falcons_body(string? authorization)
    {
        await using var sim = await Sim.StartAsync();
        using var http = Sim.Anonymous(sim.Host);
        using var request = new HttpRequestMessage(HttpMethod.Get, "iocs/queries/indicators/v1");
        if (authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }

        using var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var json = await Sim.ReadJsonAsync(response);
        var error = Assert.Single(json["errors"]!.AsArray());
        Assert.Equal(401, error!["code"]!.GetValue<int>());
        Assert.Equal("access denied, invalid bearer token", error["message"]!.GetValue<string>());
        Assert.Equal(1, sim.Host.Counters.BadTokenRequests);
    }

    [Fact]
    public async Task Token_expires_after_its_lifetime_and_then_answers_401()
    {
        await using var sim = await Sim.StartAsync(fakeClock: true);
        await sim.GetJsonAsync("iocs/queries/indicators/v1");

        sim.Clock!.Advance(TimeSpan.FromSeconds(1798));
        await sim.GetJsonAsync("iocs/queries/indicators/v1");
        sim.Clock.Advance(TimeSpan.FromSeconds(1));
        var json = await sim.GetJsonAsync("iocs/queries/indicators/v1", HttpStatusCode.Unauthorized);

        Assert.Equal("access denied, invalid bearer token", Sim.ErrorMessages(json).Single());
    }

    [Fact]
    public async Task Token_lifetime_is_configurable_and_reported_as_expires_in()
    {
        await using var sim = await Sim.StartAsync(o => o.TokenLifetime = TimeSpan.FromSeconds(30), fakeClock: true);
        using var http = Sim.Anonymous(sim.Host);

        using var response = await Sim.RequestTokenAsync(http, "falcon-sim-client", "falcon-sim-secret");
        Assert.Equal(30, (await Sim.ReadJsonAsync(response))["expires_in"]!.GetValue<int>());

        sim.Clock!.Advance(TimeSpan.FromSeconds(30));
        await sim.GetJsonAsync("iocs/queries/indicators/v1", HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Expiring_all_tokens_early_makes_the_next_call_401_until_a_new_token_is_taken()
    {
        await using var sim = await Sim.StartAsync();
        await sim.GetJsonAsync("iocs/queries/indicators/v1");

        Assert.Equal(1, sim.Host.ExpireAllTokens());
        await sim.GetJsonAsync("iocs/queries/indicators/v1", HttpStatusCode.Unauthorized);

        using var fresh = await Sim.ClientAsync(sim.Host, "falcon-sim-client", "falcon-sim-secret");
        using var response = await fresh.GetAsync("iocs/queries/indicators/v1");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Revoke_with_basic_credentials_invalidates_the_token()
    {
        await using var sim = await Sim.StartAsync();
        var token = sim.Http.DefaultRequestHeaders.Authorization!.Parameter!;
        using var http = Sim.Anonymous(sim.Host);
        using var request = new HttpRequestMessage(HttpMethod.Post, "oauth2/revoke")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["token"] = token }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("falcon-sim-client:falcon-sim-secret")));

        using var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await sim.GetJsonAsync("iocs/queries/indicators/v1", HttpStatusCode.Unauthorized);
        Assert.Equal(1, sim.Host.Counters.TokensRevoked);
    }

    [Fact]
    public async Task Revoke_with_wrong_basic_credentials_answers_401_and_keeps_the_token()
    {
        await using var sim = await Sim.StartAsync();
        var token = sim.Http.DefaultRequestHeaders.Authorization!.Parameter!;
        using var http = Sim.Anonymous(sim.Host);
        using var request = new HttpRequestMessage(HttpMethod.Post, "oauth2/revoke")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["token"] = token }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("falcon-sim-client:wrong")));

        using var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        await sim.GetJsonAsync("iocs/queries/indicators/v1");
    }

    [Fact]
    public async Task Region_redirect_answers_308_to_the_other_region_whose_tokens_are_not_valid_here()
    {
        await using var eu = await Sim.StartAsync(o => o.Region = "eu-1");
        await using var us = await FalconSimHost.StartAsync(new FalconSimOptions { TokenRedirectBaseAddress = eu.Host.BaseAddress });
        using var http = Sim.Anonymous(us);

        using var redirect = await Sim.RequestTokenAsync(http, "falcon-sim-client", "falcon-sim-secret");

        Assert.Equal(HttpStatusCode.PermanentRedirect, redirect.StatusCode);
        Assert.Equal(new Uri(eu.Host.BaseAddress, "oauth2/token"), redirect.Headers.Location);
        Assert.Equal("us-1", redirect.Headers.GetValues("X-Cs-Region").Single());

        using var euResponse = await Sim.RequestTokenAsync(http, "falcon-sim-client", "falcon-sim-secret", redirect.Headers.Location!.ToString());
        Assert.Equal(HttpStatusCode.Created, euResponse.StatusCode);
        Assert.Equal("eu-1", euResponse.Headers.GetValues("X-Cs-Region").Single());
        var euToken = (await Sim.ReadJsonAsync(euResponse))["access_token"]!.GetValue<string>();

        using var onUs = new HttpRequestMessage(HttpMethod.Get, "iocs/queries/indicators/v1");
        onUs.Headers.Authorization = new AuthenticationHeaderValue("Bearer", euToken);
        using var usAnswer = await http.SendAsync(onUs);
        Assert.Equal(HttpStatusCode.Unauthorized, usAnswer.StatusCode);
    }

    [Fact]
    public async Task Token_request_that_is_not_a_form_answers_400()
    {
        await using var sim = await Sim.StartAsync();
        using var http = Sim.Anonymous(sim.Host);

        using var response = await http.PostAsync("oauth2/token", new StringContent("{\"client_id\":\"falcon-sim-client\"}", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Bad_token_lockout_when_enabled_refuses_even_good_tokens_from_the_same_address()
    {
        await using var sim = await Sim.StartAsync(o => o.BadTokenLimitPerMinute = 3);
        using var bad = Sim.Anonymous(sim.Host);
        bad.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "wrong");
        for (var i = 0; i < 3; i++)
        {
            using var refused = await bad.GetAsync("iocs/queries/indicators/v1");
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        }

        using var locked = await sim.Http.GetAsync("iocs/queries/indicators/v1");

        Assert.Equal(HttpStatusCode.TooManyRequests, locked.StatusCode);
        Assert.True(locked.Headers.Contains("X-Ratelimit-Retryafter"));
    }

    [Fact]
    public async Task Bad_token_lockout_is_off_by_default()
    {
        await using var sim = await Sim.StartAsync();
        using var bad = Sim.Anonymous(sim.Host);
        bad.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "wrong");
        for (var i = 0; i < 20; i++)
        {
            using var refused = await bad.GetAsync("iocs/queries/indicators/v1");
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        }

        await sim.GetJsonAsync("iocs/queries/indicators/v1");
    }
}
