using Deployment.Tests.Support;

namespace Deployment.Tests;

/// <summary>The YAML reading the other checks rely on: merge keys as docker compose resolves them.</summary>
public sealed class YamlMapTests
{
    [Fact]
    public void Merge_keys_bring_in_every_anchor_and_explicit_keys_win()
    {
        const string Yaml = """
            x-a: &a
              ONE: "1"
              SHARED: from-a
            x-b: &b
              TWO: "2"
            service:
              environment:
                <<: [*a, *b]
                SHARED: explicit
                THREE: "3"
            """;
        var environment = YamlMap.Load(Yaml).At("service", "environment")!;
        Assert.Equal(["ONE", "SHARED", "THREE", "TWO"], environment.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("1", environment.Text("ONE"));
        Assert.Equal("2", environment.Text("TWO"));
        Assert.Equal("explicit", environment.Text("SHARED"));
        Assert.False(environment.Has("<<"));
    }

    [Fact]
    public void Empty_plain_values_are_null_and_quoted_empty_values_are_empty()
    {
        var map = YamlMap.Load("a:\nb: \"\"\nc: ~\n");
        Assert.Null(map["a"]);
        Assert.Equal("", map["b"]);
        Assert.Null(map["c"]);
    }
}
