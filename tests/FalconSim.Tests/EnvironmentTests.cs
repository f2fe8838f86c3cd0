using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;
using FalconSim.Tests.Support;

namespace FalconSim.Tests;

public sealed partial class EnvironmentTests
{
    [Fact]
    public void Without_settings_the_defaults_match_Falcon()
    {
        var options = FalconSimEnvironment.Bind(_ => null);

        Assert.Equal("falcon-sim-client", options.ClientId);
        Assert.Equal("falcon-sim-secret", options.ClientSecret);
        Assert.Equal(TimeSpan.FromSeconds(1799), options.TokenLifetime);
        Assert.Equal(6000, options.RateLimitPerMinute);
        Assert.Equal(300, options.TokenRateLimitPerMinute);
        Assert.Equal(1_000_000, options.Capacity);
        Assert.Equal(10_000, options.QueryMaxOffsetPlusLimit);
        Assert.Equal(2000, options.MaxIndicatorsPerRequest);
        Assert.Equal("us-1", options.Region);
        Assert.Equal(403, options.BadSecretStatusCode);
        Assert.Equal(0, options.BadTokenLimitPerMinute);
        Assert.Equal(TimeSpan.Zero, options.LatencyPerRequest);
        Assert.Equal(0, options.ServerErrorRate);
        Assert.True(options.RejectPastExpiration);
        Assert.False(options.MobileEnabled);
        Assert.Equal(BatchFailureMode.AllOrNothing, options.BatchFailureMode);
        Assert.Null(options.Seed);
    }

    [Fact]
    public void Every_switch_binds_from_its_environment_variable()
    {
        var settings = new Dictionary<string, string>
        {
            ["FALCON_SIM_CLIENT_ID"] = "id-1",
            ["FALCON_SIM_CLIENT_SECRET"] = "secret-1",
            ["FALCON_SIM_ADDITIONAL_CLIENTS"] = "id-2:secret-2, id-3:se:cret",
            ["FALCON_SIM_TOKEN_LIFETIME_SECONDS"] = "120",
            ["FALCON_SIM_BAD_SECRET_STATUS"] = "401",
            ["FALCON_SIM_TOKEN_REDIRECT_URL"] = "http://127.0.0.1:5099/",
            ["FALCON_SIM_TOKEN_RATE_LIMIT_PER_MINUTE"] = "30",
            ["FALCON_SIM_BAD_TOKEN_LIMIT_PER_MINUTE"] = "15",
            ["FALCON_SIM_LATENCY_MS"] = "25",
            ["FALCON_SIM_5XX_RATE"] = "0.25",
            ["FALCON_SIM_5XX_AFTER_COMMIT"] = "true",
            ["FALCON_SIM_RATE_LIMIT_PER_MINUTE"] = "600",
            ["FALCON_SIM_BURST_429"] = "3",
            ["FALCON_SIM_CAPACITY"] = "5000",
            ["FALCON_SIM_MAX_INDICATORS_PER_REQUEST"] = "100",
            ["FALCON_SIM_MAX_IDS_PER_GET"] = "50",
            ["FALCON_SIM_MAX_URL_LENGTH"] = "4096",
            ["FALCON_SIM_DEFAULT_QUERY_LIMIT"] = "50",
            ["FALCON_SIM_MAX_QUERY_LIMIT"] = "500",
            ["FALCON_SIM_QUERY_MAX_OFFSET_PLUS_LIMIT"] = "1000",
            ["FALCON_SIM_MAX_FILTER_PROPERTIES"] = "5",
            ["FALCON_SIM_REGION"] = "eu-1",
            ["FALCON_SIM_MOBILE_ENABLED"] = "1",
            ["FALCON_SIM_REJECT_PAST_EXPIRATION"] = "false",
            ["FALCON_SIM_BATCH_MODE"] = "partial",
            ["FALCON_SIM_SEARCH_INCLUDES_DELETED"] = "true",
            ["FALCON_SIM_WARNING_VALUES"] = "google.com, 8.8.8.8",
            ["FALCON_SIM_SEED"] = "7",
        };
        Assert.Equal(FalconSimEnvironment.Settings.Keys.Order(StringComparer.Ordinal), settings.Keys.Order(StringComparer.Ordinal));

        var options = FalconSimEnvironment.Bind(name => settings.GetValueOrDefault(name));

        Assert.Equal("id-1", options.ClientId);
        Assert.Equal("secret-1", options.ClientSecret);
        Assert.Equal("secret-2", options.AdditionalClients["id-2"]);
        Assert.Equal("se:cret", options.AdditionalClients["id-3"]);
        Assert.Equal(TimeSpan.FromSeconds(120), options.TokenLifetime);
        Assert.Equal(401, options.BadSecretStatusCode);
        Assert.Equal(new Uri("http://127.0.0.1:5099/"), options.TokenRedirectBaseAddress);
        Assert.Equal(30, options.TokenRateLimitPerMinute);
        Assert.Equal(15, options.BadTokenLimitPerMinute);
        Assert.Equal(TimeSpan.FromMilliseconds(25), options.LatencyPerRequest);
        Assert.Equal(0.25, options.ServerErrorRate);
        Assert.True(options.ServerErrorAfterCommit);
        Assert.Equal(600, options.RateLimitPerMinute);
        Assert.Equal(3, options.PendingRateLimitBurst);
        Assert.Equal(5000, options.Capacity);
        Assert.Equal(100, options.MaxIndicatorsPerRequest);
        Assert.Equal(50, options.MaxIdsPerGet);
        Assert.Equal(4096, options.MaxUrlLength);
        Assert.Equal(50, options.DefaultQueryLimit);
        Assert.Equal(500, options.MaxQueryLimit);
        Assert.Equal(1000, options.QueryMaxOffsetPlusLimit);
        Assert.Equal(5, options.MaxFilterProperties);
        Assert.Equal("eu-1", options.Region);
        Assert.True(options.MobileEnabled);
        Assert.False(options.RejectPastExpiration);
        Assert.Equal(BatchFailureMode.PartialCommit, options.BatchFailureMode);
        Assert.True(options.SearchIncludesDeletedByDefault);
        Assert.Equal(["8.8.8.8", "google.com"], options.WarningValues.Order(StringComparer.Ordinal));
        Assert.Equal(7, options.Seed);
    }

    [Theory]
    [InlineData("FALCON_SIM_LATENCY_MS", "fast")]
    [InlineData("FALCON_SIM_LATENCY_MS", "-5")]
    [InlineData("FALCON_SIM_5XX_RATE", "1.5")]
    [InlineData("FALCON_SIM_5XX_RATE", "0,5")]
    [InlineData("FALCON_SIM_RATE_LIMIT_PER_MINUTE", "0")]
    [InlineData("FALCON_SIM_MOBILE_ENABLED", "yes")]
    [InlineData("FALCON_SIM_BATCH_MODE", "some")]
    [InlineData("FALCON_SIM_TOKEN_REDIRECT_URL", "not a url")]
    [InlineData("FALCON_SIM_ADDITIONAL_CLIENTS", "no-secret")]
    public void A_bad_value_fails_with_a_message_naming_the_variable(string name, string value)
    {
        var error = Assert.Throws<FormatException>(() => FalconSimEnvironment.Bind(n => n == name ? value : null));

        Assert.Contains(name, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_standalone_simulator_reads_its_switches_from_the_environment()
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "FalconSim.dll");
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { dll, "--urls", "http://127.0.0.1:0" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        start.Environment["FALCON_SIM_CLIENT_ID"] = "standalone-id";
        start.Environment["FALCON_SIM_CLIENT_SECRET"] = "standalone-secret";
        start.Environment["FALCON_SIM_REGION"] = "us-gov-1";
        start.Environment["FALCON_SIM_RATE_LIMIT_PER_MINUTE"] = "42";
        start.Environment["FALCON_SIM_TOKEN_LIFETIME_SECONDS"] = "77";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["Logging__LogLevel__Microsoft.Hosting.Lifetime"] = "Information";

        using var process = Process.Start(start)!;
        try
        {
            var address = await ListeningAddressAsync(process);
            using var http = new HttpClient { BaseAddress = new Uri(address + "/") };

            using var wrong = await Sim.RequestTokenAsync(http, "falcon-sim-client", "falcon-sim-secret");
            Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
            using var token = await Sim.RequestTokenAsync(http, "standalone-id", "standalone-secret");
            Assert.Equal(HttpStatusCode.Created, token.StatusCode);
            var json = await Sim.ReadJsonAsync(token);
            Assert.Equal(77, json["expires_in"]!.GetValue<int>());

            using var request = new HttpRequestMessage(HttpMethod.Get, "iocs/queries/indicators/v1");
            request.Headers.Authorization = new("Bearer", json["access_token"]!.GetValue<string>());
            using var search = await http.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, search.StatusCode);
            Assert.Equal("us-gov-1", search.Headers.GetValues("X-Cs-Region").Single());
            Assert.Equal("42", search.Headers.GetValues("X-Ratelimit-Limit").Single());
            Assert.Equal("41", search.Headers.GetValues("X-Ratelimit-Remaining").Single());
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    private static async Task<string> ListeningAddressAsync(Process process)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var seen = new List<string>();
        while (await process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
        {
            seen.Add(line);
            var match = Listening().Match(line);
            if (match.Success)
            {
                return match.Groups[1].Value;
            }
        }

        throw new InvalidOperationException("The simulator did not report its address: " + string.Join(Environment.NewLine, seen)
            + await process.StandardError.ReadToEndAsync(timeout.Token));
    }

    [GeneratedRegex(@"Now listening on: (http://127\.0\.0\.1:\d+)")]
    private static partial Regex Listening();
}
