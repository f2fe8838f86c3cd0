using Connector.Hosting.Configuration;

namespace Connector.Hosting.Tests.Configuration;

public sealed class YamlFlatteningTests
{
    private const string Path = "/etc/connector/config.yml";

    [Fact]
    public void Nested_maps_become_section_and_key()
    {
        var data = YamlConfigurationFlattener.Flatten(
            """
            opencti:
              url: 'http://localhost:8080'
              token: 'ChangeMe'
            connector:
              id: 6f1c3a52-8b0e-4e5c-9d7e-2a4b8f0c1d93
              live_stream_id: live
            crowdstrike:
              nested:
                deeper: value
            """,
            Path);

        Assert.Equal("http://localhost:8080", data["opencti:url"]);
        Assert.Equal("ChangeMe", data["opencti:token"]);
        Assert.Equal("6f1c3a52-8b0e-4e5c-9d7e-2a4b8f0c1d93", data["connector:id"]);
        Assert.Equal("live", data["connector:live_stream_id"]);
        Assert.Equal("value", data["crowdstrike:nested:deeper"]);
        Assert.Equal(5, data.Count);
    }

    [Fact]
    public void Sequences_become_numbered_keys()
    {
        var data = YamlConfigurationFlattener.Flatten(
            """
            connector:
              scope: [crowdstrike, falcon]
              items:
                - name: first
                - name: second
            """,
            Path);

        Assert.Equal("crowdstrike", data["connector:scope:0"]);
        Assert.Equal("falcon", data["connector:scope:1"]);
        Assert.Equal("first", data["connector:items:0:name"]);
        Assert.Equal("second", data["connector:items:1:name"]);
    }

    [Theory]
    [InlineData("True", "True")]
    [InlineData("true", "true")]
    [InlineData("no", "no")]
    [InlineData("'False'", "False")]
    [InlineData("9113", "9113")]
    [InlineData("\"\"", "")]
    public void Scalars_keep_their_text_for_the_binder(string yamlValue, string expected)
    {
        var data = YamlConfigurationFlattener.Flatten($"metrics:\n  enable: {yamlValue}\n", Path);

        Assert.Equal(expected, data["metrics:enable"]);
    }

    [Theory]
    [InlineData("metrics:\n  port:\n")]
    [InlineData("metrics:\n  port: ~\n")]
    [InlineData("metrics:\n  port: null\n")]
    public void Null_values_are_left_out_so_defaults_apply(string yaml)
    {
        var data = YamlConfigurationFlattener.Flatten(yaml, Path);

        Assert.False(data.ContainsKey("metrics:port"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("# only a comment\n")]
    public void An_empty_file_gives_no_settings(string yaml)
    {
        Assert.Empty(YamlConfigurationFlattener.Flatten(yaml, Path));
    }

    [Fact]
    public void Malformed_yaml_names_the_file_line_and_column()
    {
        var yaml = "opencti:\n  url: 'http://localhost:8080'\n  token: \"unclosed\n";

        var error = Assert.Throws<ConfigurationFileException>(() => YamlConfigurationFlattener.Flatten(yaml, Path));

        Assert.Equal(Path, error.Path);
        Assert.Equal(3, error.Line);
        Assert.NotNull(error.Column);
        Assert.Contains(Path, error.Message, StringComparison.Ordinal);
        Assert.Contains("line 3", error.Message, StringComparison.Ordinal);
        Assert.Contains($"column {error.Column}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Bad_indentation_is_reported_at_its_line()
    {
        var yaml = "opencti:\n  url: a\n token: b\n";

        var error = Assert.Throws<ConfigurationFileException>(() => YamlConfigurationFlattener.Flatten(yaml, Path));

        Assert.Equal(3, error.Line);
        Assert.Contains("line 3", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_top_level_that_is_not_a_map_is_refused()
    {
        var error = Assert.Throws<ConfigurationFileException>(() => YamlConfigurationFlattener.Flatten("- a\n- b\n", Path));

        Assert.Equal(1, error.Line);
        Assert.Contains("map of sections", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_duplicate_key_is_refused_at_its_line()
    {
        var yaml = "opencti:\n  url: a\n  url: b\n";

        var error = Assert.Throws<ConfigurationFileException>(() => YamlConfigurationFlattener.Flatten(yaml, Path));

        Assert.Equal(3, error.Line);
    }
}
