using System.Text.Json;

namespace Connector.OpenCti.Tests.Unit;

public sealed class IndicatorSnapshotParsingTests
{
    private const string OpenCtiExtension = "extension-definition--ea279b3e-5c71-4632-ac08-831c66a786ba";
    private const string MitreExtension = "extension-definition--322b8f77-262a-4cb8-a915-1e441e00329b";

    [Fact]
    public void Reads_every_field_of_a_full_stix_indicator()
    {
        var snapshot = ReadStix($$$"""
            {"id":"indicator--0a0b","spec_version":"2.1","type":"indicator","created":"2024-05-01T00:00:00.000Z",
             "modified":"2024-05-02T00:00:00.000Z","revoked":false,"confidence":80,"labels":["apt","c2"],
             "created_by_ref":"identity--11","name":"198.51.100.7","description":"A C2 server",
             "pattern":"[ipv4-addr:value = '198.51.100.7']","pattern_type":"stix",
             "valid_from":"2024-05-01T00:00:00.000Z","valid_until":"2025-05-01T00:00:00.000Z",
             "extensions":{
               "{{{OpenCtiExtension}}}":{"extension_type":"property-extension","id":"c5a7-internal","type":"Indicator",
                 "created_at":"2024-05-01T00:00:00.000Z","updated_at":"2024-05-03T10:00:00.000Z","is_inferred":false,
                 "score":75,"detection":false,"main_observable_type":"IPv4-Addr"},
               "{{{MitreExtension}}}":{"extension_type":"property-extension","platforms":["windows","linux"]} } }
            """);

        Assert.NotNull(snapshot);
        Assert.Equal("indicator--0a0b", snapshot.Id);
        Assert.Equal("c5a7-internal", snapshot.InternalId);
        Assert.Equal("198.51.100.7", snapshot.Name);
        Assert.Equal("A C2 server", snapshot.Description);
        Assert.Equal("[ipv4-addr:value = '198.51.100.7']", snapshot.Pattern);
        Assert.Equal("stix", snapshot.PatternType);
        Assert.True(snapshot.IsStixPattern);
        Assert.False(snapshot.Revoked);
        Assert.Equal(new DateTimeOffset(2024, 5, 1, 0, 0, 0, TimeSpan.Zero), snapshot.ValidFrom);
        Assert.Equal(new DateTimeOffset(2025, 5, 1, 0, 0, 0, TimeSpan.Zero), snapshot.ValidUntil);
        Assert.Equal(75, snapshot.Score);
        Assert.Equal(["windows", "linux"], snapshot.Platforms);
        Assert.Equal(["apt", "c2"], snapshot.Labels);
        Assert.Equal(new DateTimeOffset(2024, 5, 3, 10, 0, 0, TimeSpan.Zero), snapshot.UpdatedAt);
        Assert.Equal("identity--11", snapshot.CreatedByRef);
        Assert.Equal("IPv4-Addr", snapshot.MainObservableType);
        Assert.Null(snapshot.Raw);
    }

    [Fact]
    public void Tolerates_an_indicator_with_only_an_id()
    {
        var snapshot = ReadStix("""{"id":"indicator--bare","type":"indicator"}""");

        Assert.NotNull(snapshot);
        Assert.Equal("indicator--bare", snapshot.Id);
        Assert.Null(snapshot.InternalId);
        Assert.Null(snapshot.Name);
        Assert.Null(snapshot.Pattern);
        Assert.Null(snapshot.PatternType);
        Assert.False(snapshot.IsStixPattern);
        Assert.False(snapshot.Revoked);
        Assert.Null(snapshot.ValidFrom);
        Assert.Null(snapshot.ValidUntil);
        Assert.Null(snapshot.Score);
        Assert.Empty(snapshot.Platforms);
        Assert.Empty(snapshot.Labels);
        Assert.Null(snapshot.UpdatedAt);
        Assert.Null(snapshot.CreatedByRef);
    }

    [Theory]
    [InlineData("""{"type":"indicator","pattern":"[x]"}""")]
    [InlineData("""{"id":"","type":"indicator"}""")]
    [InlineData("""{"id":42,"type":"indicator"}""")]
    [InlineData("""["indicator--1"]""")]
    public void An_object_without_a_usable_id_is_not_a_snapshot(string json)
    {
        Assert.Null(ReadStix(json));
    }

    [Fact]
    public void Score_comes_from_the_opencti_extension_first()
    {
        var snapshot = ReadStix($$$"""{"id":"indicator--1","x_opencti_score":10,"extensions":{"{{{OpenCtiExtension}}}":{"score":90} } }""");

        Assert.Equal(90, snapshot!.Score);
    }

    [Theory]
    [InlineData("""{"id":"indicator--1","x_opencti_score":42}""", 42)]
    [InlineData("""{"id":"indicator--1","x_opencti_score":42.0}""", 42)]
    [InlineData("""{"id":"indicator--1","x_opencti_score":"42"}""", 42)]
    [InlineData("""{"id":"indicator--1","extensions":{"extension-definition--ea279b3e-5c71-4632-ac08-831c66a786ba":{"id":"x"}},"x_opencti_score":7}""", 7)]
    public void Score_falls_back_to_x_opencti_score(string json, int expected)
    {
        Assert.Equal(expected, ReadStix(json)!.Score);
    }

    [Theory]
    [InlineData("""{"id":"indicator--1","x_opencti_score":null}""")]
    [InlineData("""{"id":"indicator--1","x_opencti_score":"high"}""")]
    [InlineData("""{"id":"indicator--1","x_opencti_score":{}}""")]
    public void An_unreadable_score_is_missing(string json)
    {
        Assert.Null(ReadStix(json)!.Score);
    }

    [Fact]
    public void Platforms_come_from_the_mitre_extension_first()
    {
        var snapshot = ReadStix($$$"""{"id":"indicator--1","x_mitre_platforms":["linux"],"extensions":{"{{{MitreExtension}}}":{"platforms":["macos","windows"]} } }""");

        Assert.Equal(["macos", "windows"], snapshot!.Platforms);
    }

    [Fact]
    public void Platforms_fall_back_to_x_mitre_platforms()
    {
        var snapshot = ReadStix("""{"id":"indicator--1","x_mitre_platforms":["android","ios"]}""");

        Assert.Equal(["android", "ios"], snapshot!.Platforms);
    }

    [Fact]
    public void Odd_field_types_read_as_missing_instead_of_failing()
    {
        var snapshot = ReadStix("""
            {"id":"indicator--1","name":5,"labels":"single","revoked":"true","valid_until":"not a date","valid_from":12,
             "x_mitre_platforms":[1,"linux",null],"extensions":"none"}
            """);

        Assert.NotNull(snapshot);
        Assert.Null(snapshot.Name);
        Assert.Equal(["single"], snapshot.Labels);
        Assert.True(snapshot.Revoked);
        Assert.Null(snapshot.ValidUntil);
        Assert.Null(snapshot.ValidFrom);
        Assert.Equal(["linux"], snapshot.Platforms);
    }

    [Fact]
    public void Updated_at_falls_back_to_stix_modified()
    {
        var snapshot = ReadStix("""{"id":"indicator--1","modified":"2024-05-02T03:04:05.678Z"}""");

        Assert.Equal(new DateTimeOffset(2024, 5, 2, 3, 4, 5, 678, TimeSpan.Zero), snapshot!.UpdatedAt);
    }

    [Fact]
    public void Dates_with_offsets_are_read_as_utc()
    {
        var snapshot = ReadStix("""{"id":"indicator--1","valid_until":"2030-01-01T02:00:00+02:00"}""");

        Assert.Equal(TimeSpan.Zero, snapshot!.ValidUntil!.Value.Offset);
        Assert.Equal(new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero), snapshot.ValidUntil);
    }

    [Fact]
    public void Raw_is_kept_only_when_asked_and_outlives_the_document()
    {
        JsonElement? raw;
        using (var document = JsonDocument.Parse("""{"id":"indicator--1","custom":"x"}"""))
        {
            raw = StixIndicatorReader.Read(document.RootElement, keepRaw: true)!.Raw;
        }

        Assert.Equal("x", raw!.Value.GetProperty("custom").GetString());
    }

    [Theory]
    [InlineData("stix", true)]
    [InlineData("STIX", true)]
    [InlineData("sigma", false)]
    [InlineData("yara", false)]
    public void Only_stix_pattern_types_are_stix(string patternType, bool expected)
    {
        Assert.Equal(expected, ReadStix($$$"""{"id":"indicator--1","pattern_type":"{{{patternType}}}"}""")!.IsStixPattern);
    }

    [Fact]
    public void Reads_a_graphql_indicator_node()
    {
        var snapshot = ReadGraphQl("""
            {"id":"internal-1","standard_id":"indicator--std-1","name":"evil.example","description":"d",
             "pattern":"[domain-name:value = 'evil.example']","pattern_type":"stix","revoked":true,
             "valid_from":"2024-01-01T00:00:00.000Z","valid_until":"2026-01-01T00:00:00.000Z","x_opencti_score":65,
             "x_mitre_platforms":["windows"],"x_opencti_main_observable_type":"Domain-Name","updated_at":"2024-02-01T00:00:00.000Z",
             "objectLabel":[{"value":"phishing"},{"value":"c2"},{"id":"no value"}]}
            """);

        Assert.NotNull(snapshot);
        Assert.Equal("indicator--std-1", snapshot.Id);
        Assert.Equal("internal-1", snapshot.InternalId);
        Assert.Equal("evil.example", snapshot.Name);
        Assert.Equal("d", snapshot.Description);
        Assert.Equal("[domain-name:value = 'evil.example']", snapshot.Pattern);
        Assert.True(snapshot.IsStixPattern);
        Assert.True(snapshot.Revoked);
        Assert.Equal(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), snapshot.ValidUntil);
        Assert.Equal(65, snapshot.Score);
        Assert.Equal(["windows"], snapshot.Platforms);
        Assert.Equal("Domain-Name", snapshot.MainObservableType);
        Assert.Equal(new DateTimeOffset(2024, 2, 1, 0, 0, 0, TimeSpan.Zero), snapshot.UpdatedAt);
        Assert.Equal(["phishing", "c2"], snapshot.Labels);
    }

    [Fact]
    public void A_graphql_node_with_nulls_reads_as_missing_fields()
    {
        var snapshot = ReadGraphQl("""
            {"id":"internal-1","standard_id":"indicator--1","name":null,"description":null,"pattern":null,"pattern_type":null,
             "revoked":null,"valid_from":null,"valid_until":null,"x_opencti_score":null,"x_mitre_platforms":null,"objectLabel":null}
            """);

        Assert.NotNull(snapshot);
        Assert.Null(snapshot.Score);
        Assert.Null(snapshot.ValidUntil);
        Assert.False(snapshot.Revoked);
        Assert.Empty(snapshot.Platforms);
        Assert.Empty(snapshot.Labels);
    }

    [Fact]
    public void A_graphql_node_without_standard_id_is_not_a_snapshot()
    {
        Assert.Null(ReadGraphQl("""{"id":"internal-1","name":"x"}"""));
    }

    [Fact]
    public void ToAttributes_carries_the_fields_that_decide_the_falcon_ioc()
    {
        var snapshot = ReadStix($$$"""
            {"id":"indicator--1","name":"n","description":"d","labels":["l"],"valid_until":"2030-01-01T00:00:00Z",
             "x_mitre_platforms":["linux"],"extensions":{"{{{OpenCtiExtension}}}":{"score":30} } }
            """)!;

        var attributes = snapshot.ToAttributes();

        Assert.Equal("n", attributes.Name);
        Assert.Equal("d", attributes.Description);
        Assert.Equal(30, attributes.Score);
        Assert.Equal(["linux"], attributes.Platforms);
        Assert.Equal(["l"], attributes.Labels);
        Assert.Equal(new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero), attributes.ValidUntil);
    }

    private static IndicatorSnapshot? ReadStix(string json)
    {
        using var document = JsonDocument.Parse(json);
        return StixIndicatorReader.Read(document.RootElement, keepRaw: false);
    }

    private static IndicatorSnapshot? ReadGraphQl(string json)
    {
        using var document = JsonDocument.Parse(json);
        return GraphQlIndicatorReader.Read(document.RootElement);
    }
}
