using System.Text;
using System.Text.Json;
using Connector.Falcon.Json;

namespace Connector.Falcon.Tests.Unit;

public sealed class EnvelopeParsingTests
{
    private const string FullIoc = """
        {"id":"4f2c1b5e8a9d0c3b7e6f5a4d3c2b1a09f8e7d6c5b4a39281706f5e4d3c2b1a09","type":"domain","value":"test.example",
         "action":"detect","mobile_action":"no_action","severity":"high","platforms":["windows","mac","linux"],
         "tags":["c2"],"host_groups":[],"applied_globally":true,"source":"OpenCTI IOC","description":"d",
         "expiration":"2025-01-01T00:00:00Z","expired":false,"deleted":false,"from_parent":false,
         "metadata":{"filename":""},"created_by":"client-1","created_on":"2024-11-11T09:17:03.445826361Z",
         "modified_by":"client-1","modified_on":"2024-11-12T10:00:00.123456789Z"}
        """;

    [Fact]
    public void A_full_indicator_maps_every_field()
    {
        var envelope = Parse<FalconIocDto>($$"""{"meta":{"query_time":0.01,"powered_by":"ioc-manager","trace_id":"t"},"resources":[{{FullIoc}}],"errors":[]}""");

        var ioc = Assert.Single(FalconIocMapping.ToModels(envelope!.Resources));
        Assert.Equal("domain", ioc.Type);
        Assert.Equal("test.example", ioc.Value);
        Assert.Equal("detect", ioc.Action);
        Assert.Equal("no_action", ioc.MobileAction);
        Assert.Equal("high", ioc.Severity);
        Assert.Equal(["windows", "mac", "linux"], ioc.Platforms);
        Assert.Equal(["c2"], ioc.Tags);
        Assert.True(ioc.AppliedGlobally);
        Assert.Equal("OpenCTI IOC", ioc.Source);
        Assert.Equal(new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero), ioc.Expiration);
        Assert.Equal(new DateTimeOffset(2024, 11, 11, 9, 17, 3, TimeSpan.Zero).AddTicks(4458263), ioc.CreatedOn);
        Assert.Equal(new DateTimeOffset(2024, 11, 12, 10, 0, 0, TimeSpan.Zero).AddTicks(1234567), ioc.ModifiedOn);
        Assert.Equal("client-1", ioc.CreatedBy);
        Assert.False(ioc.Deleted);
        Assert.True(ioc.TryGetKey(out var key));
        Assert.Equal(new Connector.Contracts.IocKey(Connector.Contracts.IocType.Domain, "test.example"), key);
    }

    [Theory]
    [InlineData("""{"meta":{},"resources":null,"errors":null}""")]
    [InlineData("""{"meta":{},"resources":[],"errors":[]}""")]
    [InlineData("""{"resources":[]}""")]
    [InlineData("""{}""")]
    public void Null_or_empty_lists_and_missing_meta_read_as_nothing(string json)
    {
        var envelope = Parse<FalconIocDto>(json);

        Assert.NotNull(envelope);
        Assert.Empty(FalconIocMapping.ToModels(envelope.Resources));
        Assert.Empty(FalconEnvelopeReader.PublicErrors(envelope.Errors));
        Assert.Null(envelope.Meta?.Pagination?.After);
    }

    [Fact]
    public void Errors_are_read_with_code_message_and_id()
    {
        var envelope = Parse<string>("""{"meta":{},"resources":null,"errors":[{"code":"404","message":"Indicator not found","id":"abc"},null,{"message":"no code"}]}""");

        var errors = FalconEnvelopeReader.PublicErrors(envelope!.Errors);
        Assert.Equal(2, errors.Count);
        Assert.Equal(new FalconApiError(404, "Indicator not found") { Id = "abc" }, errors[0]);
        Assert.True(errors[0].IsNotFound);
        Assert.Equal(0, errors[1].Code);
    }

    [Fact]
    public void Pagination_reads_total_and_after_even_as_strings()
    {
        var envelope = Parse<string>("""{"meta":{"pagination":{"offset":"0","limit":500,"total":"12345","after":"tok=="}},"resources":["a","b"]}""");

        Assert.Equal(12345, envelope!.Meta!.Pagination!.Total);
        Assert.Equal("tok==", envelope.Meta.Pagination.After);
        Assert.Equal(["a", "b"], envelope.Resources!);
    }

    [Fact]
    public void Null_fields_and_unknown_properties_of_an_indicator_are_tolerated()
    {
        var envelope = Parse<FalconIocDto>("""
            {"resources":[{"id":"1","type":"md5","value":"d41d8cd98f00b204e9800998ecf8427e","platforms":null,"tags":["a",null],
              "expiration":"","severity":null,"new_field":{"x":[1,2]},"deleted":true}]}
            """);

        var ioc = Assert.Single(FalconIocMapping.ToModels(envelope!.Resources));
        Assert.Empty(ioc.Platforms);
        Assert.Equal(["a"], ioc.Tags);
        Assert.Null(ioc.Expiration);
        Assert.Null(ioc.Severity);
        Assert.True(ioc.Deleted);
    }

    [Fact]
    public void Objects_without_id_type_or_value_are_dropped()
    {
        var envelope = Parse<FalconIocDto>("""{"resources":[{"type":"md5","value":"x"},{"id":"1","value":"x"},{"id":"2","type":"ipv4","value":"10.0.0.1"},null]}""");

        var ioc = Assert.Single(FalconIocMapping.ToModels(envelope!.Resources));
        Assert.Equal("2", ioc.Id);
    }

    [Theory]
    [InlineData("")]
    [InlineData("<html><body>502 Bad Gateway</body></html>")]
    [InlineData("{\"resources\":")]
    public void An_empty_or_non_json_body_reads_as_null(string body) =>
        Assert.Null(Parse<FalconIocDto>(body));

    [Fact]
    public void A_non_json_error_answer_gets_an_error_from_its_status_line()
    {
        using var response = new HttpResponseMessage(System.Net.HttpStatusCode.BadGateway) { ReasonPhrase = "Bad Gateway" };

        var error = Assert.Single(FalconEnvelopeReader.ErrorsOf<FalconIocDto>(null, response));

        Assert.Equal(new FalconApiError(502, "Bad Gateway"), error);
    }

    [Fact]
    public void A_create_body_has_falcons_shape_with_nulls_left_out()
    {
        var write = new FalconIocWrite
        {
            Type = Connector.Contracts.IocType.Sha256,
            Value = new string('a', 64),
            Action = "prevent",
            MobileAction = "prevent",
            Severity = "critical",
            Platforms = ["windows"],
            Expiration = new DateTimeOffset(2030, 5, 6, 9, 8, 7, TimeSpan.FromHours(2)),
            Source = "OpenCTI IOC",
        };
        var body = new CreateIndicatorsRequest { Comment = "c", Indicators = [write.ToWire()] };

        using var json = JsonDocument.Parse(JsonSerializer.SerializeToUtf8Bytes(body, FalconJsonContext.Default.CreateIndicatorsRequest));

        var indicator = json.RootElement.GetProperty("indicators")[0];
        Assert.Equal("c", json.RootElement.GetProperty("comment").GetString());
        Assert.Equal("sha256", indicator.GetProperty("type").GetString());
        Assert.Equal("prevent", indicator.GetProperty("mobile_action").GetString());
        Assert.Equal("2030-05-06T07:08:07Z", indicator.GetProperty("expiration").GetString());
        Assert.True(indicator.GetProperty("applied_globally").GetBoolean());
        Assert.False(indicator.TryGetProperty("tags", out _));
        Assert.False(indicator.TryGetProperty("description", out _));
    }

    [Fact]
    public void An_update_body_carries_the_id_and_only_the_changed_fields()
    {
        var update = new FalconIocUpdate { Id = "abc", Action = "no_action", Tags = ["TO_DELETE"] };
        var body = new UpdateIndicatorsRequest { Comment = "c", Indicators = [update.ToWire()] };

        var text = Encoding.UTF8.GetString(JsonSerializer.SerializeToUtf8Bytes(body, FalconJsonContext.Default.UpdateIndicatorsRequest));

        Assert.Equal("""{"comment":"c","indicators":[{"id":"abc","action":"no_action","tags":["TO_DELETE"]}]}""", text);
    }

    private static FalconEnvelope<T>? Parse<T>(string json) =>
        FalconEnvelopeReader.Parse(
            Encoding.UTF8.GetBytes(json),
            (System.Text.Json.Serialization.Metadata.JsonTypeInfo<FalconEnvelope<T>>)FalconJsonContext.Default.GetTypeInfo(typeof(FalconEnvelope<T>))!);
}
