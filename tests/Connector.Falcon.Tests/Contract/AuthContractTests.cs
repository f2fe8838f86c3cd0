using System.Net;
using Connector.Falcon.Auth;
using Connector.Falcon.Tests.Support;
using FalconSim;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;

namespace Connector.Falcon.Tests.Contract;

public sealed class AuthContractTests
{
    private const string EntitiesPath = "/iocs/entities/indicators/v1";
    private static readonly string[] UnknownIds = ["0000000000000000000000000000000000000000000000000000000000000000"];

    [Fact]
    public async Task One_login_serves_many_calls()
    {
        await using var sim = await FalconSimHost.StartAsync();
        await using var harness = FalconClientHarness.For(sim);

        for (var i = 0; i < 5; i++)
        {
            await harness.Client.GetAsync(UnknownIds);
        }

        Assert.Equal(1, sim.Counters.TokensIssued);
        Assert.Equal(5, sim.Counters.Requests(EntitiesPath, "GET"));
        Assert.All(harness.Wire.Exchanges, e => Assert.StartsWith("Bearer ", e.Authorization, StringComparison.Ordinal));
    }

    [Fact]
    public async Task When_falcon_expires_the_token_the_next_call_logs_in_once_more_and_succeeds()
    {
        await using var sim = await FalconSimHost.StartAsync();
        await using var harness = FalconClientHarness.For(sim);
        var created = await harness.Client.CreateAsync([TestIocs.Domain("expiry.example")]);
        var id = Assert.Single(created.Succeeded).Ioc!.Id;

        sim.ExpireAllTokens();
        var found = await harness.Client.GetAsync([id]);

        Assert.Equal(id, Assert.Single(found).Id);
        Assert.Equal(2, sim.Counters.TokensIssued);
        Assert.Equal(1, sim.Counters.BadTokenRequests);
        Assert.Equal([201, 401, 200], harness.Wire.Exchanges.Select(e => e.Status));
    }

    [Fact]
    public async Task Concurrent_calls_rejected_with_an_expired_token_share_one_new_login()
    {
        await using var sim = await FalconSimHost.StartAsync();
        await using var harness = FalconClientHarness.For(sim);
        await harness.Client.GetAsync(UnknownIds);
        sim.Options.LatencyPerRequest = TimeSpan.FromMilliseconds(200);

        sim.ExpireAllTokens();
        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => harness.Client.GetAsync(UnknownIds)));

        Assert.Equal(2, sim.Counters.TokensIssued);
        Assert.Equal(9, sim.Counters.Requests(EntitiesPath, "GET", 404));
    }

    [Fact]
    public async Task Concurrent_first_calls_wait_on_a_single_login()
    {
        await using var sim = await FalconSimHost.StartAsync(new FalconSimOptions { LatencyPerRequest = TimeSpan.FromMilliseconds(300) });
        await using var harness = FalconClientHarness.For(sim);

        await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => harness.Client.GetAsync(UnknownIds)));

        Assert.Equal(1, sim.Counters.TokensIssued);
        Assert.Equal(1, harness.Statistics.TokensIssued);
    }

    [Theory]
    [InlineData(60, 30)]
    [InlineData(1799, 120)]
    public async Task A_token_is_renewed_before_it_expires_without_a_401(int lifetimeSeconds, int marginSeconds)
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var sim = await FalconSimHost.StartAsync(new FalconSimOptions
        {
            TokenLifetime = TimeSpan.FromSeconds(lifetimeSeconds),
            TimeProvider = clock,
        });
        await using var harness = FalconClientHarness.For(sim, time: clock);
        await harness.Client.GetAsync(UnknownIds);

        clock.Advance(TimeSpan.FromSeconds(lifetimeSeconds - marginSeconds - 1));
        await harness.Client.GetAsync(UnknownIds);
        Assert.Equal(1, sim.Counters.TokensIssued);

        clock.Advance(TimeSpan.FromSeconds(2));
        await harness.Client.GetAsync(UnknownIds);

        Assert.Equal(2, sim.Counters.TokensIssued);
        Assert.Equal(0, sim.Counters.BadTokenRequests);
        Assert.Equal(2, harness.Wire.Exchanges.Select(e => e.Authorization).Distinct().Count());
    }

    [Theory]
    [InlineData(403)]
    [InlineData(401)]
    public async Task A_wrong_secret_fails_clearly_and_the_secret_appears_nowhere(int badSecretStatus)
    {
        const string wrongSecret = "Wr0ng-S3cret-do-not-print";
        await using var sim = await FalconSimHost.StartAsync(new FalconSimOptions { BadSecretStatusCode = badSecretStatus });
        await using var harness = FalconClientHarness.For(sim, clientSecret: wrongSecret);

        var error = await Assert.ThrowsAsync<FalconAuthenticationException>(() => harness.Client.GetAsync(UnknownIds));

        Assert.StartsWith($"Falcon refused the API client credentials for client id {sim.Options.ClientId}: access denied, authorization failed", error.Message, StringComparison.Ordinal);
        Assert.False(error.IsTransient);
        Assert.Equal((HttpStatusCode)badSecretStatus, error.StatusCode);
        Assert.DoesNotContain(wrongSecret, error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(wrongSecret, harness.Logs.AllText, StringComparison.Ordinal);
        Assert.Contains("Falcon refused the API client credentials", harness.Logs.AllText, StringComparison.Ordinal);
        Assert.Equal(0, sim.Counters.Requests(EntitiesPath));
    }

    [Fact]
    public async Task An_unknown_client_id_fails_with_falcons_message_and_without_the_secret()
    {
        await using var sim = await FalconSimHost.StartAsync();
        await using var harness = FalconClientHarness.For(sim, clientId: "no-such-client");

        var error = await Assert.ThrowsAsync<FalconAuthenticationException>(() => harness.Client.GetAsync(UnknownIds));

        Assert.Contains("client id no-such-client: Failed to generate access token for clientID=no-such-client", error.Message, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, error.StatusCode);
        Assert.DoesNotContain(sim.Options.ClientSecret, error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(sim.Options.ClientSecret, harness.Logs.AllText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_successful_session_never_logs_the_secret_or_the_token()
    {
        await using var sim = await FalconSimHost.StartAsync();
        await using var harness = FalconClientHarness.For(sim);

        await harness.Client.CreateAsync([TestIocs.Domain("quiet.example")]);
        sim.ExpireAllTokens();
        await harness.Client.FindByValuesAsync(Connector.Contracts.IocType.Domain, ["quiet.example"]);

        var tokens = harness.Wire.Exchanges.Select(e => e.Authorization!["Bearer ".Length..]).Distinct().ToList();
        Assert.Equal(2, tokens.Count);
        Assert.NotEmpty(harness.Logs.Lines);
        Assert.DoesNotContain(sim.Options.ClientSecret, harness.Logs.AllText, StringComparison.Ordinal);
        Assert.All(tokens, token => Assert.DoesNotContain(token, harness.Logs.AllText, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_login_redirected_to_another_region_is_followed_and_that_region_serves_every_call()
    {
        await using var region = await FalconSimHost.StartAsync(new FalconSimOptions { Region = "eu-1" });
        await using var home = await FalconSimHost.StartAsync(new FalconSimOptions { TokenRedirectBaseAddress = region.BaseAddress });
        await using var harness = FalconClientHarness.For(home);

        var created = await harness.Client.CreateAsync([TestIocs.Domain("region.example")]);
        region.ExpireAllTokens();
        var found = await harness.Client.FindByValuesAsync(Connector.Contracts.IocType.Domain, ["region.example"]);

        Assert.True(created.AllSucceeded);
        Assert.Single(found);
        Assert.Equal(region.BaseAddress, harness.Tokens.ApiBaseAddress);
        Assert.Equal(1, region.Store.ActiveCount);
        Assert.Equal(0, home.Store.Count);
        Assert.Equal(2, region.Counters.TokensIssued);
        Assert.Equal(1, home.Counters.Requests("/oauth2/token", "POST", 308));
        Assert.Equal(0, home.Counters.TokensIssued);
        Assert.Equal(0, home.Counters.Requests(EntitiesPath) + home.Counters.Requests("/iocs/combined/indicator/v1"));
        Assert.NotEmpty(harness.Wire.Exchanges);
        Assert.All(harness.Wire.Exchanges, e => Assert.Equal(region.BaseAddress.Authority, e.Authority));
    }

    [Fact]
    public async Task A_login_redirect_to_a_host_outside_crowdstrike_is_refused_before_the_credentials_leave()
    {
        await using var home = await FalconSimHost.StartAsync(new FalconSimOptions { TokenRedirectBaseAddress = new Uri("https://falcon.evil.example/") });
        await using var harness = FalconClientHarness.For(home);

        var error = await Assert.ThrowsAsync<FalconAuthenticationException>(() => harness.Client.GetAsync(UnknownIds));

        Assert.Contains("redirected to falcon.evil.example, which is not a CrowdStrike cloud", error.Message, StringComparison.Ordinal);
        Assert.Equal(home.BaseAddress, harness.Tokens.ApiBaseAddress);
        Assert.Empty(harness.Wire.Exchanges);
    }

    [Fact]
    public async Task Stopping_the_host_revokes_the_token()
    {
        await using var sim = await FalconSimHost.StartAsync();
        await using var harness = FalconClientHarness.For(sim);
        await harness.Client.GetAsync(UnknownIds);
        var authorization = harness.Wire.Exchanges[0].Authorization!;

        foreach (var service in harness.Services.GetServices<IHostedService>())
        {
            await service.StopAsync(CancellationToken.None);
        }

        Assert.Equal(1, sim.Counters.TokensRevoked);
        using var http = new HttpClient { BaseAddress = sim.BaseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Get, "iocs/entities/indicators/v1?ids=" + UnknownIds[0]);
        request.Headers.TryAddWithoutValidation("Authorization", authorization);
        using var response = await http.SendAsync(request);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
