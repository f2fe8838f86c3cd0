using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace OpenCtiSim.Tests.Support;

/// <summary>Posts GraphQL requests the way pycti does and returns the JSON answer.</summary>
public sealed class GraphQlClient(OpenCtiSimHost sim, string? token = null) : IDisposable
{
    private readonly HttpClient _http = new() { BaseAddress = sim.BaseAddress };

    public async Task<HttpResponseMessage> PostAsync(string query, JsonObject? variables = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "graphql")
        {
            Content = JsonContent.Create(new JsonObject { ["query"] = query, ["variables"] = variables ?? new JsonObject() }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token ?? sim.Options.Token);
        return await _http.SendAsync(request);
    }

    /// <summary>The whole answer (data and errors) of a request that must come back as HTTP 200.</summary>
    public async Task<JsonObject> QueryAsync(string query, JsonObject? variables = null)
    {
        using var response = await PostAsync(query, variables);
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
    }

    /// <summary>The <c>data</c> of a request that must succeed without errors.</summary>
    public async Task<JsonObject> DataAsync(string query, JsonObject? variables = null)
    {
        var answer = await QueryAsync(query, variables);
        Assert.True(answer["errors"] is null, $"GraphQL errors: {answer["errors"]?.ToJsonString()}");
        return answer["data"]!.AsObject();
    }

    public void Dispose() => _http.Dispose();
}
