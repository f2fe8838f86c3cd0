using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using FalconSim.Tests.Support;

namespace FalconSim.Tests;

public sealed partial class EnvelopeAndHeaderTests
{
    public static TheoryData<string, string, string?, bool, int> Requests => new()
    {
        // method, path, JSON body, authenticated, expected status
        { "GET", "iocs/queries/indicators/v1", null, true, 200 },
        { "GET", "iocs/combined/indicator/v1", null, true, 200 },
        { "GET", "iocs/entities/indicators/v1?ids=" + new string('a', 64), null, true, 404 },
        { "GET", "iocs/entities/indicators/v1", null, true, 400 },
        { "POST", "iocs/entities/indicators/v1", "{\"indicators\":[{\"type\":\"sha1\",\"value\":\"x\"}]}", true, 400 },
        { "PATCH", "iocs/entities/indicators/v1", "{\"indicators\":[{\"id\":\"" + new string('b', 64) + "\",\"tags\":[]}]}", true, 404 },
        { "DELETE", "iocs/entities/indicators/v1?ids=" + new string('c', 64), null, true, 404 },
        { "GET", "iocs/queries/indicators/v1?filter=type:", null, true, 400 },
        { "GET", "iocs/queries/indicators/v1", null, false, 401 },
        { "PUT", "iocs/entities/indicators/v1", null, true, 405 },
        { "GET", "iocs/queries/indicators/v2", null, true, 404 },
        { "POST", "oauth2/token", null, false, 400 },
    };

    [Theory]
    [MemberData(nameof(Requests))]
    public async Task Every_answer_carries_the_Falcon_headers_and_an_envelope_whose_trace_id_matches(string method, string path, string? body, bool authenticated, int status)
    {
        await using var sim = await Sim.StartAsync(o => o.Region = "us-2");
        var http = authenticated ? sim.Http : Sim.Anonymous(sim.Host);
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        using var response = await http.SendAsync(request);

        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal("us-2", response.Headers.GetValues("X-Cs-Region").Single());
        var traceId = response.Headers.GetValues("X-Cs-Traceid").Single();
        Assert.True(Guid.TryParse(traceId, out _));
        Assert.True(int.TryParse(response.Headers.GetValues("X-Ratelimit-Limit").Single(), CultureInfo.InvariantCulture, out var limit));
        Assert.True(int.TryParse(response.Headers.GetValues("X-Ratelimit-Remaining").Single(), CultureInfo.InvariantCulture, out var remaining));
        Assert.InRange(remaining, 0, limit);
        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);

        var json = await Sim.ReadJsonAsync(response);
        var meta = json["meta"]!;
        Assert.Equal(traceId, meta["trace_id"]!.GetValue<string>());
        Assert.True(meta["query_time"]!.GetValue<double>() >= 0);
        Assert.False(string.IsNullOrEmpty(meta["powered_by"]!.GetValue<string>()));
        Assert.True(json.AsObject().ContainsKey("resources"));
        Assert.True(json.AsObject().ContainsKey("errors"));
        if (status >= 400)
        {
            Assert.NotEmpty(json["errors"]!.AsArray());
            Assert.All(json["errors"]!.AsArray(), e => Assert.Equal(status, e!["code"]!.GetValue<int>()));
        }
        else
        {
            Assert.Empty(json["errors"]!.AsArray());
        }
    }

    [Fact]
    public async Task Search_envelope_has_pagination_and_api_limits_are_6000_per_minute()
    {
        await using var sim = await Sim.StartAsync();
        await sim.CreateOneAsync();

        using var response = await sim.Http.GetAsync("iocs/queries/indicators/v1?limit=10");
        var json = await Sim.ReadJsonAsync(response);

        Assert.Equal("6000", response.Headers.GetValues("X-Ratelimit-Limit").Single());
        Assert.Equal("ioc-manager", json["meta"]!["powered_by"]!.GetValue<string>());
        var pagination = json["meta"]!["pagination"]!;
        Assert.Equal(0, pagination["offset"]!.GetValue<int>());
        Assert.Equal(10, pagination["limit"]!.GetValue<int>());
        Assert.Equal(1, pagination["total"]!.GetValue<int>());
        Assert.Null(pagination["after"]);
    }

    [Fact]
    public async Task Indicator_objects_have_every_field_with_nanosecond_timestamps()
    {
        await using var sim = await Sim.StartAsync();
        var created = await sim.CreateOneAsync(edit: i => i["expiration"] = "2099-01-01T00:00:00Z");

        var json = await sim.GetJsonAsync($"iocs/entities/indicators/v1?ids={created["id"]!.GetValue<string>()}");
        var indicator = json["resources"]![0]!.AsObject();

        string[] fields =
        [
            "id", "type", "value", "action", "mobile_action", "severity", "platforms", "tags", "host_groups", "applied_globally",
            "source", "description", "expiration", "expired", "deleted", "from_parent", "metadata", "created_by", "created_on",
            "modified_by", "modified_on",
        ];
        Assert.All(fields, f => Assert.True(indicator.ContainsKey(f), f));
        Assert.Matches(HexId(), indicator["id"]!.GetValue<string>());
        Assert.Matches(NanoTimestamp(), indicator["created_on"]!.GetValue<string>());
        Assert.Matches(NanoTimestamp(), indicator["modified_on"]!.GetValue<string>());
        Assert.Equal("2099-01-01T00:00:00Z", indicator["expiration"]!.GetValue<string>());
        Assert.Equal("falcon-sim-client", indicator["created_by"]!.GetValue<string>());
        Assert.False(indicator["deleted"]!.GetValue<bool>());
        Assert.False(indicator["expired"]!.GetValue<bool>());
        Assert.Equal("", indicator["metadata"]!["filename"]!.GetValue<string>());
    }

    [Fact]
    public async Task Url_longer_than_the_limit_answers_414_with_the_envelope()
    {
        await using var sim = await Sim.StartAsync(o => o.MaxUrlLength = 500);
        var ids = string.Join("&", Enumerable.Range(0, 10).Select(i => "ids=" + new string((char)('a' + i), 64)));

        using var response = await sim.Http.GetAsync("iocs/entities/indicators/v1?" + ids);

        Assert.Equal(HttpStatusCode.RequestUriTooLong, response.StatusCode);
        Assert.True(response.Headers.Contains("X-Cs-Traceid"));
        Assert.Equal(414, (await Sim.ReadJsonAsync(response))["errors"]![0]!["code"]!.GetValue<int>());
    }

    [GeneratedRegex("^[0-9a-f]{64}$")]
    private static partial Regex HexId();

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{9}Z$")]
    private static partial Regex NanoTimestamp();
}
