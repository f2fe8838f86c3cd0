using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using FalconSim.Tests.Support;

namespace FalconSim.Tests;

public sealed class UpdateDeleteGetTests
{
    [Fact]
    public async Task Update_changes_the_given_fields_keeps_omitted_and_null_ones_and_records_the_modifier()
    {
        await using var sim = await Sim.StartAsync(o => o.AdditionalClients["editor"] = "editor-secret", fakeClock: true);
        var created = await sim.CreateOneAsync();
        var id = created["id"]!.GetValue<string>();
        sim.Clock!.Advance(TimeSpan.FromMinutes(5));
        using var editor = await Sim.ClientAsync(sim.Host, "editor", "editor-secret");

        using var response = await editor.PatchAsync("iocs/entities/indicators/v1", Sim.Body(new JsonObject
        {
            ["id"] = id,
            ["severity"] = "critical",
            ["tags"] = new JsonArray("c2", "TO_DELETE"),
            ["description"] = null,
        }));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var updated = (await Sim.ReadJsonAsync(response))["resources"]![0]!;
        Assert.Equal(id, updated["id"]!.GetValue<string>());
        Assert.Equal("critical", updated["severity"]!.GetValue<string>());
        Assert.Equal(["c2", "TO_DELETE"], Sim.Strings(updated["tags"]));
        Assert.Equal("test indicator", updated["description"]!.GetValue<string>());
        Assert.Equal("detect", updated["action"]!.GetValue<string>());
        Assert.Equal(["windows", "mac", "linux"], Sim.Strings(updated["platforms"]));
        Assert.Equal("falcon-sim-client", updated["created_by"]!.GetValue<string>());
        Assert.Equal("editor", updated["modified_by"]!.GetValue<string>());
        Assert.Equal(created["created_on"]!.GetValue<string>(), updated["created_on"]!.GetValue<string>());
        Assert.StartsWith("2030-01-01T12:05:00.", updated["modified_on"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(1, sim.Host.Counters.IndicatorsUpdated);
    }

    [Theory]
    [InlineData("type", "ipv4", "type of an indicator cannot be changed")]
    [InlineData("value", "other.example", "value of an indicator cannot be changed")]
    [InlineData("action", "prevent", "only valid for sha256 and md5")]
    [InlineData("severity", "", "Severity is required for action 'detect'")]
    [InlineData("expiration", "2000-01-01T00:00:00Z", "Expiration must be in the future")]
    [InlineData("source", null, null)]
    public async Task Update_is_validated_like_create(string field, string? value, string? expected)
    {
        await using var sim = await Sim.StartAsync();
        var id = (await sim.CreateOneAsync())["id"]!.GetValue<string>();
        var item = new JsonObject { ["id"] = id };
        if (value is not null)
        {
            item[field] = value;
        }
        else
        {
            item[field] = new string('s', 201);
            expected = "Source must be at most 200 characters";
        }

        using var response = await sim.UpdateAsync(item);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var message = Sim.ErrorMessages(await Sim.ReadJsonAsync(response)).Single();
        Assert.Contains(expected!, message, StringComparison.Ordinal);
        Assert.Contains(id, message, StringComparison.Ordinal);
        Assert.Equal("detect", sim.Host.Store.Find(id)!.Action);
    }

    [Fact]
    public async Task Update_with_the_same_type_and_value_is_accepted()
    {
        await using var sim = await Sim.StartAsync();
        var id = (await sim.CreateOneAsync())["id"]!.GetValue<string>();

        using var response = await sim.UpdateAsync(new JsonObject { ["id"] = id, ["type"] = "domain", ["value"] = "evil.example", ["action"] = "no_action" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("no_action", sim.Host.Store.Find(id)!.Action);
    }

    [Fact]
    public async Task Update_of_an_unknown_or_deleted_id_fails_for_that_item()
    {
        await using var sim = await Sim.StartAsync();
        var id = (await sim.CreateOneAsync())["id"]!.GetValue<string>();
        using (var deleted = await sim.Http.DeleteAsync($"iocs/entities/indicators/v1?ids={id}"))
        {
            Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
        }

        var unknown = new string('f', 64);
        using var response = await sim.UpdateAsync(new JsonObject { ["id"] = unknown, ["tags"] = new JsonArray() }, new JsonObject { ["id"] = id, ["tags"] = new JsonArray() });

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var messages = Sim.ErrorMessages(await Sim.ReadJsonAsync(response));
        Assert.Equal(2, messages.Count);
        Assert.Contains(messages, m => m.Contains(unknown, StringComparison.Ordinal));
        Assert.Contains(messages, m => m.Contains(id, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Update_batch_with_one_bad_item_changes_nothing_by_default()
    {
        await using var sim = await Sim.StartAsync();
        var a = (await sim.CreateOneAsync(value: "a.example"))["id"]!.GetValue<string>();
        var b = (await sim.CreateOneAsync(value: "b.example"))["id"]!.GetValue<string>();

        using var response = await sim.UpdateAsync(new JsonObject { ["id"] = a, ["severity"] = "low" }, new JsonObject { ["id"] = b, ["severity"] = "bogus" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("high", sim.Host.Store.Find(a)!.Severity);
    }

    [Fact]
    public async Task Delete_is_soft_the_record_stays_readable_and_the_value_can_be_created_again()
    {
        await using var sim = await Sim.StartAsync();
        var id = (await sim.CreateOneAsync())["id"]!.GetValue<string>();

        using var response = await sim.Http.DeleteAsync($"iocs/entities/indicators/v1?ids={id}&comment=gone");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal([id], Sim.Strings((await Sim.ReadJsonAsync(response))["resources"]));
        var read = await sim.GetJsonAsync($"iocs/entities/indicators/v1?ids={id}");
        Assert.True(read["resources"]![0]!["deleted"]!.GetValue<bool>());

        var again = await sim.CreateOneAsync();
        Assert.NotEqual(id, again["id"]!.GetValue<string>());
        Assert.Equal(2, sim.Host.Store.Count);
        Assert.Equal(1, sim.Host.Store.ActiveCount);
    }

    [Fact]
    public async Task Delete_accepts_repeated_ids_and_comma_lists_and_reports_unknown_ids()
    {
        await using var sim = await Sim.StartAsync();
        var ids = new List<string>();
        foreach (var value in new[] { "a.example", "b.example", "c.example" })
        {
            ids.Add((await sim.CreateOneAsync(value: value))["id"]!.GetValue<string>());
        }

        var unknown = new string('e', 64);
        using var response = await sim.Http.DeleteAsync($"iocs/entities/indicators/v1?ids={ids[0]},{ids[1]}&ids={ids[2]}&ids={unknown}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var json = await Sim.ReadJsonAsync(response);
        Assert.Equal(ids, Sim.Strings(json["resources"]));
        Assert.Contains(unknown, Sim.ErrorMessages(json).Single(), StringComparison.Ordinal);
        Assert.Equal(0, sim.Host.Store.ActiveCount);
        Assert.Equal(3, sim.Host.Counters.IndicatorsDeleted);
    }

    [Fact]
    public async Task Deleting_only_unknown_or_already_deleted_ids_answers_404()
    {
        await using var sim = await Sim.StartAsync();
        var id = (await sim.CreateOneAsync())["id"]!.GetValue<string>();
        using (await sim.Http.DeleteAsync($"iocs/entities/indicators/v1?ids={id}"))
        {
        }

        using var again = await sim.Http.DeleteAsync($"iocs/entities/indicators/v1?ids={id}");

        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
    }

    [Fact]
    public async Task Delete_by_filter_deletes_what_the_filter_matches()
    {
        await using var sim = await Sim.StartAsync();
        await sim.CreateOneAsync(value: "a.example");
        await sim.CreateOneAsync(value: "b.example", edit: i => i["source"] = "other");

        using var response = await sim.Http.DeleteAsync("iocs/entities/indicators/v1?filter=" + Uri.EscapeDataString("source:'OpenCTI IOC'"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Null(sim.Host.Store.FindActive("domain", "a.example"));
        Assert.NotNull(sim.Host.Store.FindActive("domain", "b.example"));
    }

    [Fact]
    public async Task Delete_without_ids_or_filter_answers_400()
    {
        await using var sim = await Sim.StartAsync();

        using var response = await sim.Http.DeleteAsync("iocs/entities/indicators/v1");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Get_accepts_repeated_ids_and_comma_lists_keeps_request_order_and_reports_missing_ids()
    {
        await using var sim = await Sim.StartAsync();
        var a = (await sim.CreateOneAsync(value: "a.example"))["id"]!.GetValue<string>();
        var b = (await sim.CreateOneAsync(value: "b.example"))["id"]!.GetValue<string>();
        var missing = new string('9', 64);

        var json = await sim.GetJsonAsync($"iocs/entities/indicators/v1?ids={b}&ids={missing},{a}");

        Assert.Equal([b, a], json["resources"]!.AsArray().Select(r => r!["id"]!.GetValue<string>()));
        Assert.Contains(missing, Sim.ErrorMessages(json).Single(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_of_more_ids_than_allowed_answers_400()
    {
        await using var sim = await Sim.StartAsync(o => o.MaxIdsPerGet = 3);
        var ids = string.Join(",", Enumerable.Range(0, 4).Select(i => new string((char)('a' + i), 64)));

        var json = await sim.GetJsonAsync($"iocs/entities/indicators/v1?ids={ids}", HttpStatusCode.BadRequest);

        Assert.Contains("at most 3", Sim.ErrorMessages(json).Single(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Expired_iocs_read_as_expired_with_no_action_and_are_reactivated_only_by_update()
    {
        await using var sim = await Sim.StartAsync(o => o.TokenLifetime = TimeSpan.FromDays(1), fakeClock: true);
        var id = (await sim.CreateOneAsync(edit: i => i["expiration"] = "2030-01-01T13:00:00Z"))["id"]!.GetValue<string>();
        Assert.Single(Sim.Strings((await sim.SearchAsync("action:'detect'"))["resources"]));

        sim.Clock!.Advance(TimeSpan.FromHours(2));

        var read = (await sim.GetJsonAsync($"iocs/entities/indicators/v1?ids={id}"))["resources"]![0]!;
        Assert.True(read["expired"]!.GetValue<bool>());
        Assert.Equal("no_action", read["action"]!.GetValue<string>());
        Assert.False(read["deleted"]!.GetValue<bool>());
        Assert.Empty(Sim.Strings((await sim.SearchAsync("action:'detect'"))["resources"]));
        Assert.Equal([id], Sim.Strings((await sim.SearchAsync("expired:true"))["resources"]));

        using var duplicate = await sim.CreateAsync(Sim.Indicator());
        Assert.Equal(HttpStatusCode.BadRequest, duplicate.StatusCode);

        using var renewed = await sim.UpdateAsync(new JsonObject { ["id"] = id, ["expiration"] = "2031-01-01T00:00:00Z" });
        var afterRenewal = (await Sim.ReadJsonAsync(renewed))["resources"]![0]!;
        Assert.False(afterRenewal["expired"]!.GetValue<bool>());
        Assert.Equal("no_action", afterRenewal["action"]!.GetValue<string>());

        using var rearmed = await sim.UpdateAsync(new JsonObject { ["id"] = id, ["action"] = "detect" });
        Assert.Equal("detect", (await Sim.ReadJsonAsync(rearmed))["resources"]![0]!["action"]!.GetValue<string>());
    }

    [Fact]
    public async Task Patch_with_bulk_update_is_refused_rather_than_ignored()
    {
        await using var sim = await Sim.StartAsync();

        using var response = await sim.Http.PatchAsync("iocs/entities/indicators/v1",
            new StringContent("{\"bulk_update\":{\"filter\":\"type:'domain'\",\"action\":\"no_action\"}}", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }
}
