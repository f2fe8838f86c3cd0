using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using FalconSim.Tests.Support;

namespace FalconSim.Tests;

public sealed class CreateValidationTests
{
    private static readonly string Sha256 = new('a', 64);
    private static readonly string Md5 = new('b', 32);
    private static readonly string HostGroup = new('c', 32);

    /// <summary>One broken rule of §4 per row: the item, and a fragment the error message must contain.</summary>
    public static TheoryData<string, JsonObject, string> InvalidItems => new()
    {
        { "type sha1 is not accepted", Sim.Indicator("sha1", new string('a', 40)), "Invalid type: 'sha1'" },
        { "type url is not accepted", Sim.Indicator("url", "http://x.example/"), "Invalid type: 'url'" },
        { "type missing", Sim.Indicator(edit: i => i.Remove("type")), "Type is required" },
        { "value missing", Sim.Indicator(edit: i => i.Remove("value")), "Value is required" },
        { "sha256 too short", Sim.Indicator("sha256", new string('a', 63)), "Invalid value: '" + new string('a', 63) + "' for type: 'sha256'" },
        { "sha256 not hex", Sim.Indicator("sha256", new string('g', 64)), "for type: 'sha256'" },
        { "md5 too long", Sim.Indicator("md5", new string('a', 33)), "for type: 'md5'" },
        { "domain over 200 characters", Sim.Indicator("domain", new string('a', 197) + ".com"), "for type: 'domain'" },
        { "domain is a URL", Sim.Indicator("domain", "http://evil.example/x"), "Invalid value: 'http://evil.example/x'" },
        { "domain with a space", Sim.Indicator("domain", "evil example.com"), "for type: 'domain'" },
        { "domain with an empty label", Sim.Indicator("domain", "evil..example"), "for type: 'domain'" },
        { "ipv4 out of range", Sim.Indicator("ipv4", "256.1.1.1"), "Invalid value: '256.1.1.1' for type: 'ipv4'" },
        { "ipv4 shorthand", Sim.Indicator("ipv4", "10.1"), "for type: 'ipv4'" },
        { "ipv4 leading zero", Sim.Indicator("ipv4", "010.1.1.1"), "for type: 'ipv4'" },
        { "ipv4 given as ipv6", Sim.Indicator("ipv6", "1.2.3.4"), "for type: 'ipv6'" },
        { "ipv6 malformed", Sim.Indicator("ipv6", "2001:db8::zz"), "for type: 'ipv6'" },
        { "ipv6 with zone", Sim.Indicator("ipv6", "fe80::1%eth0"), "for type: 'ipv6'" },
        { "action missing", Sim.Indicator(edit: i => i.Remove("action")), "Action is required" },
        { "action unknown", Sim.Indicator(edit: i => i["action"] = "block"), "Invalid action: 'block'" },
        { "action uppercase", Sim.Indicator(edit: i => i["action"] = "DETECT"), "Invalid action: 'DETECT'" },
        { "prevent on a domain", Sim.Indicator(edit: i => i["action"] = "prevent"), "only valid for sha256 and md5" },
        { "allow on an ipv4", Sim.Indicator("ipv4", "1.2.3.4", i => i["action"] = "allow"), "only valid for sha256 and md5" },
        { "prevent_no_ui on an ipv6", Sim.Indicator("ipv6", "2001:db8::1", i => i["action"] = "prevent_no_ui"), "only valid for sha256 and md5" },
        { "detect without severity", Sim.Indicator(edit: i => i.Remove("severity")), "Severity is required for action 'detect'" },
        { "prevent with null severity", Sim.Indicator("sha256", Sha256, i => { i["action"] = "prevent"; i["severity"] = null; }), "Severity is required for action 'prevent'" },
        { "severity unknown", Sim.Indicator(edit: i => i["severity"] = "urgent"), "Invalid severity: 'urgent'" },
        { "platforms missing", Sim.Indicator(edit: i => i.Remove("platforms")), "Platforms are required" },
        { "platforms empty", Sim.Indicator(edit: i => i["platforms"] = new JsonArray()), "Platforms are required" },
        { "platform unknown", Sim.Indicator(edit: i => i["platforms"] = new JsonArray("windows", "macos")), "Invalid platform: 'macos'" },
        { "android without mobile", Sim.Indicator(edit: i => i["platforms"] = new JsonArray("android")), "Platform 'android' requires Falcon for Mobile" },
        { "ios without mobile", Sim.Indicator(edit: i => i["platforms"] = new JsonArray("windows", "ios")), "Platform 'ios' requires Falcon for Mobile" },
        { "mobile_action unknown", Sim.Indicator(edit: i => i["mobile_action"] = "prevent_no_ui"), "Invalid mobile_action: 'prevent_no_ui'" },
        { "no scope", Sim.Indicator(edit: i => i.Remove("applied_globally")), "Either applied_globally must be true or host_groups" },
        { "applied_globally false and no groups", Sim.Indicator(edit: i => i["applied_globally"] = false), "Either applied_globally must be true or host_groups" },
        { "both scopes", Sim.Indicator(edit: i => i["host_groups"] = new JsonArray(HostGroup)), "cannot both be set" },
        { "host group not 32 hex", Sim.Indicator(edit: i => { i.Remove("applied_globally"); i["host_groups"] = new JsonArray("group-1"); }), "Invalid host group id: 'group-1'" },
        { "source over 200", Sim.Indicator(edit: i => i["source"] = new string('s', 201)), "Source must be at most 200 characters" },
        { "description over 200", Sim.Indicator(edit: i => i["description"] = new string('d', 201)), "Description must be at most 200 characters" },
        { "expiration not RFC 3339", Sim.Indicator(edit: i => i["expiration"] = "2099-01-01"), "Invalid expiration: '2099-01-01'" },
        { "expiration in the past", Sim.Indicator(edit: i => i["expiration"] = "2001-01-01T00:00:00Z"), "Expiration must be in the future" },
    };

    [Theory]
    [MemberData(nameof(InvalidItems))]
    public async Task Each_broken_rule_fails_the_create_with_400_and_a_message_naming_the_value(string rule, JsonObject item, string expected)
    {
        await using var sim = await Sim.StartAsync();

        using var response = await sim.CreateAsync(item);

        var json = await Sim.ReadJsonAsync(response);
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{rule}: {json.ToJsonString()}");
        var messages = Sim.ErrorMessages(json);
        Assert.Contains(messages, m => m.Contains(expected, StringComparison.Ordinal));
        var value = item["value"]?.GetValue<string>();
        if (value is not null)
        {
            Assert.All(messages, m => Assert.Contains(value, m, StringComparison.Ordinal));
        }

        Assert.Equal(0, sim.Host.Store.Count);
    }

    public static TheoryData<string, JsonObject> ValidItems => new()
    {
        { "sha256 prevent", Sim.Indicator("sha256", Sha256, i => i["action"] = "prevent") },
        { "sha256 uppercase hex", Sim.Indicator("sha256", Sha256.ToUpperInvariant()) },
        { "md5 allow without severity", Sim.Indicator("md5", Md5, i => { i["action"] = "allow"; i.Remove("severity"); }) },
        { "md5 prevent_no_ui", Sim.Indicator("md5", Md5, i => i["action"] = "prevent_no_ui") },
        { "domain no_action without severity", Sim.Indicator(edit: i => { i["action"] = "no_action"; i.Remove("severity"); }) },
        { "domain of 200 characters", Sim.Indicator("domain", new string('a', 196) + ".com") },
        { "ipv4", Sim.Indicator("ipv4", "203.0.113.7") },
        { "ipv6 short form", Sim.Indicator("ipv6", "2001:db8::1") },
        { "ipv4-mapped ipv6", Sim.Indicator("ipv6", "::ffff:192.0.2.1") },
        { "host groups instead of global", Sim.Indicator(edit: i => { i.Remove("applied_globally"); i["host_groups"] = new JsonArray(HostGroup); }) },
        { "future expiration with offset", Sim.Indicator(edit: i => i["expiration"] = "2099-06-01T12:00:00.123456789+02:00") },
        { "type in capitals", Sim.Indicator("Domain", "evil.example") },
        { "source and description of 200", Sim.Indicator(edit: i => { i["source"] = new string('s', 200); i["description"] = new string('d', 200); }) },
    };

    [Theory]
    [MemberData(nameof(ValidItems))]
    public async Task Valid_items_are_created_with_201(string rule, JsonObject item)
    {
        await using var sim = await Sim.StartAsync();

        using var response = await sim.CreateAsync(item);

        var json = await Sim.ReadJsonAsync(response);
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"{rule}: {json.ToJsonString()}");
        var created = json["resources"]![0]!;
        Assert.Equal(item["value"]!.GetValue<string>(), created["value"]!.GetValue<string>());
        Assert.Equal(item["type"]!.GetValue<string>().ToLowerInvariant(), created["type"]!.GetValue<string>());
        Assert.Equal(1, sim.Host.Store.ActiveCount);
    }

    [Fact]
    public async Task Created_object_echoes_the_fields_sent_and_the_creator()
    {
        await using var sim = await Sim.StartAsync(fakeClock: true);
        var created = await sim.CreateOneAsync("ipv4", "198.51.100.4", i =>
        {
            i["mobile_action"] = "detect";
            i["expiration"] = "2031-01-01T00:00:00Z";
            i["metadata"] = new JsonObject { ["filename"] = "x.exe" };
        });

        Assert.Equal("ipv4", created["type"]!.GetValue<string>());
        Assert.Equal("detect", created["action"]!.GetValue<string>());
        Assert.Equal("detect", created["mobile_action"]!.GetValue<string>());
        Assert.Equal("high", created["severity"]!.GetValue<string>());
        Assert.Equal(["windows", "mac", "linux"], Sim.Strings(created["platforms"]));
        Assert.Equal(["c2"], Sim.Strings(created["tags"]));
        Assert.Empty(created["host_groups"]!.AsArray());
        Assert.True(created["applied_globally"]!.GetValue<bool>());
        Assert.Equal("OpenCTI IOC", created["source"]!.GetValue<string>());
        Assert.Equal("test indicator", created["description"]!.GetValue<string>());
        Assert.Equal("2031-01-01T00:00:00Z", created["expiration"]!.GetValue<string>());
        Assert.Equal("x.exe", created["metadata"]!["filename"]!.GetValue<string>());
        Assert.StartsWith("2030-01-01T12:00:00.", created["created_on"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(created["created_on"]!.GetValue<string>(), created["modified_on"]!.GetValue<string>());
    }

    [Fact]
    public async Task Mobile_platforms_are_accepted_when_Falcon_for_Mobile_is_on()
    {
        await using var sim = await Sim.StartAsync(o => o.MobileEnabled = true);

        var created = await sim.CreateOneAsync(edit: i => i["platforms"] = new JsonArray("android", "ios"));

        Assert.Equal(["android", "ios"], Sim.Strings(created["platforms"]));
    }

    [Fact]
    public async Task Past_expiration_is_accepted_when_the_rule_is_switched_off_and_the_ioc_is_expired_at_once()
    {
        await using var sim = await Sim.StartAsync(o => o.RejectPastExpiration = false);

        var created = await sim.CreateOneAsync(edit: i => i["expiration"] = "2001-01-01T00:00:00Z");

        Assert.True(created["expired"]!.GetValue<bool>());
        Assert.Equal("no_action", created["action"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("domain", "Evil.Example", "evil.example")]
    [InlineData("sha256", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")]
    [InlineData("domain", "evil.example", "evil.example")]
    public async Task A_second_non_deleted_ioc_with_the_same_type_and_value_is_a_duplicate(string type, string first, string second)
    {
        await using var sim = await Sim.StartAsync();
        await sim.CreateOneAsync(type, first);

        using var response = await sim.CreateAsync(Sim.Indicator(type, second, i => i["source"] = "someone else"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal($"Duplicate type: '{type}' and value: '{second}' combination.", Sim.ErrorMessages(await Sim.ReadJsonAsync(response)).Single());
        Assert.Equal(1, sim.Host.Store.Count);
    }

    [Fact]
    public async Task Same_value_with_another_type_is_not_a_duplicate()
    {
        await using var sim = await Sim.StartAsync();
        await sim.CreateOneAsync("domain", "1.2.3.4");

        await sim.CreateOneAsync("ipv4", "1.2.3.4");

        Assert.Equal(2, sim.Host.Store.ActiveCount);
    }

    [Fact]
    public async Task A_duplicate_within_one_batch_is_refused()
    {
        await using var sim = await Sim.StartAsync();

        using var response = await sim.CreateAsync(Sim.Indicator(value: "a.example"), Sim.Indicator(value: "A.example"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("value: 'A.example'", Sim.ErrorMessages(await Sim.ReadJsonAsync(response)).Single(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task By_default_a_batch_with_one_invalid_item_writes_nothing_and_names_only_the_failing_value()
    {
        await using var sim = await Sim.StartAsync();

        using var response = await sim.CreateAsync(Sim.Indicator(value: "good.example"), Sim.Indicator("ipv4", "999.0.0.1"), Sim.Indicator(value: "also-good.example"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var json = await Sim.ReadJsonAsync(response);
        Assert.Null(json["resources"]);
        Assert.Contains("999.0.0.1", Sim.ErrorMessages(json).Single(), StringComparison.Ordinal);
        Assert.Equal(0, sim.Host.Store.Count);
    }

    [Fact]
    public async Task In_partial_mode_the_valid_items_of_a_failing_batch_are_written_and_returned()
    {
        await using var sim = await Sim.StartAsync(o => o.BatchFailureMode = BatchFailureMode.PartialCommit);
        await sim.CreateOneAsync(value: "taken.example");

        using var response = await sim.CreateAsync(Sim.Indicator(value: "good.example"), Sim.Indicator(value: "taken.example"), Sim.Indicator("md5", "xyz"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var json = await Sim.ReadJsonAsync(response);
        Assert.Equal("good.example", json["resources"]!.AsArray().Single()!["value"]!.GetValue<string>());
        var messages = Sim.ErrorMessages(json);
        Assert.Equal(2, messages.Count);
        Assert.Contains(messages, m => m.Contains("taken.example", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.Contains("xyz", StringComparison.Ordinal));
        Assert.NotNull(sim.Host.Store.FindActive("domain", "good.example"));
    }

    [Fact]
    public async Task More_than_2000_indicators_in_one_request_is_a_400_and_2000_is_accepted()
    {
        await using var sim = await Sim.StartAsync();
        var tooMany = Enumerable.Range(0, 2001).Select(i => Sim.Indicator(value: $"d{i}.example")).ToArray();

        using var refused = await sim.CreateAsync(tooMany);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("at most 2000", Sim.ErrorMessages(await Sim.ReadJsonAsync(refused)).Single(), StringComparison.Ordinal);

        using var accepted = await sim.CreateAsync(tooMany[..2000]);
        Assert.Equal(HttpStatusCode.Created, accepted.StatusCode);
        Assert.Equal(2000, (await Sim.ReadJsonAsync(accepted))["resources"]!.AsArray().Count);
    }

    [Fact]
    public async Task Capacity_counts_non_deleted_iocs_and_reports_the_configured_limit()
    {
        await using var sim = await Sim.StartAsync(o => o.Capacity = 2);
        var first = await sim.CreateOneAsync(value: "one.example");
        await sim.CreateOneAsync(value: "two.example");

        using var full = await sim.CreateAsync(Sim.Indicator(value: "three.example"));
        Assert.Equal(HttpStatusCode.BadRequest, full.StatusCode);
        var message = Sim.ErrorMessages(await Sim.ReadJsonAsync(full)).Single();
        Assert.StartsWith("Limit of 2 indicators reached.", message, StringComparison.Ordinal);
        Assert.Contains("three.example", message, StringComparison.Ordinal);

        using var deleted = await sim.Http.DeleteAsync($"iocs/entities/indicators/v1?ids={first["id"]}");
        Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
        await sim.CreateOneAsync(value: "three.example");
    }

    [Theory]
    [InlineData(1_000_000, "Limit of 1 million indicators reached.")]
    [InlineData(2_000_000, "Limit of 2 million indicators reached.")]
    [InlineData(1_500_000, "Limit of 1500000 indicators reached.")]
    [InlineData(50, "Limit of 50 indicators reached.")]
    public void Capacity_message_reads_like_Falcons_for_the_configured_limit(int capacity, string expected) =>
        Assert.Equal(expected, FalconSimStore.CapacityMessage(capacity));

    [Fact]
    public async Task Warning_values_need_ignore_warnings()
    {
        await using var sim = await Sim.StartAsync(o => o.WarningValues.Add("google.com"));

        using var warned = await sim.CreateAsync(Sim.Indicator(value: "google.com"));
        Assert.Equal(HttpStatusCode.BadRequest, warned.StatusCode);
        Assert.Contains("ignore_warnings=true", Sim.ErrorMessages(await Sim.ReadJsonAsync(warned)).Single(), StringComparison.Ordinal);

        using var accepted = await sim.CreateAsync("?ignore_warnings=true", Sim.Indicator(value: "google.com"));
        Assert.Equal(HttpStatusCode.Created, accepted.StatusCode);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("[]")]
    [InlineData("{}")]
    [InlineData("{\"indicators\":{}}")]
    [InlineData("{\"indicators\":[]}")]
    [InlineData("{\"indicators\":[{\"type\":\"domain\",\"value\":\"x.example\",\"platforms\":\"windows\"}]}")]
    [InlineData("{\"indicators\":[{\"type\":\"domain\",\"value\":\"x.example\",\"applied_globally\":\"true\"}]}")]
    public async Task Malformed_bodies_answer_400(string body)
    {
        await using var sim = await Sim.StartAsync();

        using var response = await sim.Http.PostAsync("iocs/entities/indicators/v1", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotEmpty(Sim.ErrorMessages(await Sim.ReadJsonAsync(response)));
    }

    [Fact]
    public async Task Concurrent_creates_of_the_same_value_leave_exactly_one_ioc()
    {
        await using var sim = await Sim.StartAsync();

        var responses = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => sim.CreateAsync(Sim.Indicator(value: "race.example"))));

        Assert.Equal(1, responses.Count(r => r.StatusCode == HttpStatusCode.Created));
        Assert.Equal(15, responses.Count(r => r.StatusCode == HttpStatusCode.BadRequest));
        Assert.Equal(1, sim.Host.Store.Count);
        foreach (var response in responses)
        {
            response.Dispose();
        }
    }
}
