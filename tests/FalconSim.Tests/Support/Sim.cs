using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;

namespace FalconSim.Tests.Support;

/// <summary>A started simulator and an HTTP client that already holds a token for its main API client.</summary>
internal sealed class Sim : IAsyncDisposable
{
    private Sim(FalconSimHost host, HttpClient http)
    {
        Host = host;
        Http = http;
    }

    public FalconSimHost Host { get; }

    /// <summary>Authenticated as <see cref="FalconSimOptions.ClientId"/>.</summary>
    public HttpClient Http { get; }

    public FakeTimeProvider? Clock => Host.Options.TimeProvider as FakeTimeProvider;

    /// <summary>Starts a simulator; <paramref name="configure"/> edits the options first.</summary>
    public static async Task<Sim> StartAsync(Action<FalconSimOptions>? configure = null, bool fakeClock = false)
    {
        var options = new FalconSimOptions { Seed = 42 };
        if (fakeClock)
        {
            options.TimeProvider = new FakeTimeProvider(new DateTimeOffset(2030, 1, 1, 12, 0, 0, TimeSpan.Zero));
        }

        configure?.Invoke(options);
        var host = await FalconSimHost.StartAsync(options);
        var http = await ClientAsync(host, options.ClientId, options.ClientSecret);
        return new Sim(host, http);
    }

    /// <summary>A client with a fresh token of the given API client.</summary>
    public static async Task<HttpClient> ClientAsync(FalconSimHost host, string clientId, string secret)
    {
        var http = Anonymous(host);
        using var response = await RequestTokenAsync(http, clientId, secret);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var token = (await ReadJsonAsync(response))["access_token"]!.GetValue<string>();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return http;
    }

    public static HttpClient Anonymous(FalconSimHost host) =>
        new(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = host.BaseAddress };

    public static Task<HttpResponseMessage> RequestTokenAsync(HttpClient http, string clientId, string secret, string path = "oauth2/token") =>
        http.PostAsync(path, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["client_id"] = clientId,
            ["client_secret"] = secret,
        }));

    public static async Task<JsonNode> ReadJsonAsync(HttpResponseMessage response) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

    /// <summary>A valid create item for Falcon; <paramref name="edit"/> changes or removes fields.</summary>
    public static JsonObject Indicator(string type = "domain", string value = "evil.example", Action<JsonObject>? edit = null)
    {
        var item = new JsonObject
        {
            ["type"] = type,
            ["value"] = value,
            ["action"] = "detect",
            ["severity"] = "high",
            ["platforms"] = new JsonArray("windows", "mac", "linux"),
            ["applied_globally"] = true,
            ["source"] = "OpenCTI IOC",
            ["description"] = "test indicator",
            ["tags"] = new JsonArray("c2"),
        };
        edit?.Invoke(item);
        return item;
    }

    public static StringContent Body(params JsonObject[] indicators) =>
        new(new JsonObject { ["comment"] = "test", ["indicators"] = new JsonArray([.. indicators.Select(i => i.DeepClone())]) }.ToJsonString(), Encoding.UTF8, "application/json");

    public Task<HttpResponseMessage> CreateAsync(params JsonObject[] indicators) => CreateAsync("", indicators);

    public Task<HttpResponseMessage> CreateAsync(string query, params JsonObject[] indicators) =>
        Http.PostAsync("iocs/entities/indicators/v1" + query, Body(indicators));

    public Task<HttpResponseMessage> UpdateAsync(params JsonObject[] indicators) =>
        Http.PatchAsync("iocs/entities/indicators/v1", Body(indicators));

    /// <summary>Creates one valid indicator and returns its object.</summary>
    public async Task<JsonNode> CreateOneAsync(string type = "domain", string value = "evil.example", Action<JsonObject>? edit = null)
    {
        using var response = await CreateAsync(Indicator(type, value, edit));
        var json = await ReadJsonAsync(response);
        Assert.True(response.StatusCode == HttpStatusCode.Created, json.ToJsonString());
        return json["resources"]![0]!;
    }

    public async Task<JsonNode> GetJsonAsync(string path, HttpStatusCode expected = HttpStatusCode.OK)
    {
        using var response = await Http.GetAsync(path);
        var json = await ReadJsonAsync(response);
        Assert.True(expected == response.StatusCode, $"{(int)response.StatusCode}: {json.ToJsonString()}");
        return json;
    }

    /// <summary>Searches with a filter encoded as a client must (<c>+</c> as <c>%2B</c>).</summary>
    public Task<JsonNode> SearchAsync(string filter, string extra = "", bool combined = false, HttpStatusCode expected = HttpStatusCode.OK) =>
        GetJsonAsync($"{(combined ? "iocs/combined/indicator/v1" : "iocs/queries/indicators/v1")}?filter={Uri.EscapeDataString(filter)}{extra}", expected);

    public static IReadOnlyList<string> Strings(JsonNode? array) => [.. array!.AsArray().Select(n => n!.GetValue<string>())];

    public static IReadOnlyList<string> ErrorMessages(JsonNode json) =>
        [.. json["errors"]!.AsArray().Select(e => e!["message"]!.GetValue<string>())];

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Host.DisposeAsync();
    }
}

