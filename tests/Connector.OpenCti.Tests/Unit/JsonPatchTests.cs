using System.Text.Json.Nodes;
using Connector.OpenCti.Json;

namespace Connector.OpenCti.Tests.Unit;

public sealed class JsonPatchTests
{
    // Cases from RFC 6902 appendix A (and RFC 6901 escapes), as (document, patch, expected).
    public static TheoryData<string, string, string> Applicable => new()
    {
        { """{"foo":"bar"}""", """[{"op":"add","path":"/baz","value":"qux"}]""", """{"foo":"bar","baz":"qux"}""" },
        { """{"foo":["bar","baz"]}""", """[{"op":"add","path":"/foo/1","value":"qux"}]""", """{"foo":["bar","qux","baz"]}""" },
        { """{"foo":["bar"]}""", """[{"op":"add","path":"/foo/-","value":"end"}]""", """{"foo":["bar","end"]}""" },
        { """{"foo":["bar"]}""", """[{"op":"add","path":"/foo/1","value":"end"}]""", """{"foo":["bar","end"]}""" },
        { """{"baz":"qux","foo":"bar"}""", """[{"op":"remove","path":"/baz"}]""", """{"foo":"bar"}""" },
        { """{"foo":["bar","qux","baz"]}""", """[{"op":"remove","path":"/foo/1"}]""", """{"foo":["bar","baz"]}""" },
        { """{"baz":"qux","foo":"bar"}""", """[{"op":"replace","path":"/baz","value":"boo"}]""", """{"baz":"boo","foo":"bar"}""" },
        { """{"a":[1,2,3]}""", """[{"op":"replace","path":"/a/0","value":9}]""", """{"a":[9,2,3]}""" },
        { """{"foo":{"bar":"baz","waldo":"fred"},"qux":{"corge":"grault"}}""", """[{"op":"move","from":"/foo/waldo","path":"/qux/thud"}]""", """{"foo":{"bar":"baz"},"qux":{"corge":"grault","thud":"fred"}}""" },
        { """{"foo":["all","grass","cows","eat"]}""", """[{"op":"move","from":"/foo/1","path":"/foo/3"}]""", """{"foo":["all","cows","eat","grass"]}""" },
        { """{"foo":{"a":[1]}}""", """[{"op":"copy","from":"/foo/a","path":"/bar"}]""", """{"foo":{"a":[1]},"bar":[1]}""" },
        { """{"baz":"qux","foo":["a",2,"c"]}""", """[{"op":"test","path":"/baz","value":"qux"},{"op":"test","path":"/foo/1","value":2}]""", """{"baz":"qux","foo":["a",2,"c"]}""" },
        { """{"foo":"bar"}""", """[{"op":"add","path":"/child","value":{"grandchild":{}}}]""", """{"foo":"bar","child":{"grandchild":{}}}""" },
        { """{"a/b":1,"m~n":2}""", """[{"op":"replace","path":"/a~1b","value":10},{"op":"remove","path":"/m~0n"}]""", """{"a/b":10}""" },
        { """{"~1":1}""", """[{"op":"remove","path":"/~01"}]""", """{}""" },
        { """{"foo":null}""", """[{"op":"test","path":"/foo","value":null},{"op":"replace","path":"/foo","value":"x"}]""", """{"foo":"x"}""" },
        { """{"foo":"bar"}""", """[{"op":"add","path":"/foo","value":["replaced"]}]""", """{"foo":["replaced"]}""" },
        { """{"foo":1}""", """[{"op":"replace","path":"","value":{"bar":2}}]""", """{"bar":2}""" },
        { """{"x":{"y":1}}""", """[{"op":"move","from":"/x","path":"/x"}]""", """{"x":{"y":1}}""" },
        { """{"a":{"b":[{"c":1}]}}""", """[{"op":"add","path":"/a/b/0/d","value":2}]""", """{"a":{"b":[{"c":1,"d":2}]}}""" },
        { """{"n":1}""", """[{"op":"test","path":"/n","value":1.0}]""", """{"n":1}""" },
    };

    public static TheoryData<string, string> Failing => new()
    {
        { """{"foo":"bar"}""", """[{"op":"remove","path":"/missing"}]""" },
        { """{"foo":"bar"}""", """[{"op":"replace","path":"/missing","value":1}]""" },
        { """{"foo":"bar"}""", """[{"op":"add","path":"/missing/child","value":1}]""" },
        { """{"foo":["a"]}""", """[{"op":"add","path":"/foo/2","value":1}]""" },
        { """{"foo":["a"]}""", """[{"op":"remove","path":"/foo/1"}]""" },
        { """{"foo":["a"]}""", """[{"op":"remove","path":"/foo/-"}]""" },
        { """{"foo":["a","b"]}""", """[{"op":"remove","path":"/foo/01"}]""" },
        { """{"foo":["a"]}""", """[{"op":"replace","path":"/foo/x","value":1}]""" },
        { """{"baz":"qux"}""", """[{"op":"test","path":"/baz","value":"bar"}]""" },
        { """{"foo":"bar"}""", """[{"op":"jump","path":"/foo"}]""" },
        { """{"foo":"bar"}""", """[{"op":"add","path":"/baz"}]""" },
        { """{"foo":"bar"}""", """[{"path":"/foo"}]""" },
        { """{"foo":"bar"}""", """[{"op":"add","path":"foo","value":1}]""" },
        { """{"foo":"bar"}""", """[{"op":"remove","path":"/a~2b"}]""" },
        { """{"a":{"b":1}}""", """[{"op":"move","from":"/a","path":"/a/b/c"}]""" },
        { """{"a":"text"}""", """[{"op":"add","path":"/a/b","value":1}]""" },
        { """{"foo":"bar"}""", """["not an operation"]""" },
    };

    [Theory]
    [MemberData(nameof(Applicable))]
    public void Applies_rfc6902_operations(string document, string patch, string expected)
    {
        var result = JsonPatch.Apply(JsonNode.Parse(document), JsonNode.Parse(patch)!.AsArray());

        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expected), result), $"got {result?.ToJsonString()}");
    }

    [Theory]
    [MemberData(nameof(Failing))]
    public void Refuses_operations_that_cannot_apply(string document, string patch)
    {
        Assert.Throws<JsonPatchException>(() => JsonPatch.Apply(JsonNode.Parse(document), JsonNode.Parse(patch)!.AsArray()));
    }

    [Fact]
    public void Operations_apply_in_order_each_seeing_the_previous_result()
    {
        var result = JsonPatch.Apply(
            JsonNode.Parse("""{"labels":["a","b","c"]}"""),
            JsonNode.Parse("""[{"op":"remove","path":"/labels/2"},{"op":"remove","path":"/labels/1"},{"op":"add","path":"/labels/-","value":"z"}]""")!.AsArray());

        Assert.Equal("""{"labels":["a","z"]}""", result!.ToJsonString());
    }

    [Fact]
    public void The_patch_stays_usable_after_being_applied()
    {
        var patch = JsonNode.Parse("""[{"op":"add","path":"/v","value":{"deep":[1]}}]""")!.AsArray();

        var first = JsonPatch.Apply(JsonNode.Parse("{}"), patch);
        var second = JsonPatch.Apply(JsonNode.Parse("{}"), patch);

        Assert.Equal("""{"v":{"deep":[1]}}""", first!.ToJsonString());
        Assert.Equal("""{"v":{"deep":[1]}}""", second!.ToJsonString());
    }

    [Fact]
    public void Copied_values_are_independent_of_their_source()
    {
        var result = JsonPatch.Apply(
            JsonNode.Parse("""{"a":{"x":1}}"""),
            JsonNode.Parse("""[{"op":"copy","from":"/a","path":"/b"},{"op":"replace","path":"/b/x","value":2}]""")!.AsArray());

        Assert.Equal("""{"a":{"x":1},"b":{"x":2}}""", result!.ToJsonString());
    }

    [Fact]
    public void Reverse_patch_of_an_opencti_update_gives_back_the_previous_indicator()
    {
        // As OpenCTI builds it: patch turns the previous object into data, reverse_patch turns data back.
        var previous = """
            {"id":"indicator--1","type":"indicator","pattern":"[ipv4-addr:value = '198.51.100.7']","labels":["a","b"],"revoked":false,
             "extensions":{"extension-definition--ea279b3e-5c71-4632-ac08-831c66a786ba":{"score":50}}}
            """;
        var data = """
            {"id":"indicator--1","type":"indicator","pattern":"[ipv4-addr:value = '203.0.113.9']","labels":["a"],"revoked":true,"valid_until":"2030-01-01T00:00:00Z",
             "extensions":{"extension-definition--ea279b3e-5c71-4632-ac08-831c66a786ba":{"score":80}}}
            """;
        var reversePatch = """
            [{"op":"replace","path":"/pattern","value":"[ipv4-addr:value = '198.51.100.7']"},
             {"op":"add","path":"/labels/1","value":"b"},
             {"op":"replace","path":"/revoked","value":false},
             {"op":"remove","path":"/valid_until"},
             {"op":"replace","path":"/extensions/extension-definition--ea279b3e-5c71-4632-ac08-831c66a786ba/score","value":50}]
            """;

        var result = JsonPatch.Apply(JsonNode.Parse(data), JsonNode.Parse(reversePatch)!.AsArray());

        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(previous), result), result?.ToJsonString());
    }
}
