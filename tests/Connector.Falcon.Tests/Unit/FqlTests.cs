using Connector.Falcon;
using Connector.Falcon.Http;

namespace Connector.Falcon.Tests.Unit;

public sealed class FqlTests
{
    [Theory]
    [InlineData("evil.example", "value:'evil.example'")]
    [InlineData("a'+value:'b", @"value:'a\'+value:\'b'")]
    [InlineData(@"back\slash", @"value:'back\\slash'")]
    [InlineData(@"end\", @"value:'end\\'")]
    [InlineData(@"\'", @"value:'\\\''")]
    [InlineData("a,b", "value:'a,b'")]
    [InlineData("c]", "value:'c]'")]
    [InlineData("*", "value:'*'")]
    [InlineData("~x", "value:'~x'")]
    [InlineData("with space", "value:'with space'")]
    [InlineData("ünïcødé.例え", "value:'ünïcødé.例え'")]
    [InlineData("", "value:''")]
    public void Eq_quotes_the_value_and_escapes_backslash_and_quote(string value, string expected) =>
        Assert.Equal(expected, Fql.Eq("value", value).ToString());

    [Theory]
    [InlineData("a'+value:'b")]
    [InlineData(@"x\'+deleted:true+value:\'y")]
    [InlineData("a'],value:['b")]
    [InlineData(@"\\\\'")]
    [InlineData("'")]
    [InlineData("(a,b)")]
    public void A_hostile_value_reads_back_as_exactly_one_literal(string value)
    {
        var text = Fql.Eq("value", value).ToString();

        // Read the literal back the way an FQL parser does: the first unescaped quote after the opening one ends it.
        Assert.StartsWith("value:'", text, StringComparison.Ordinal);
        var (literal, end) = ReadLiteral(text, "value:".Length);
        Assert.Equal(value, literal);
        Assert.Equal(text.Length, end);
    }

    [Fact]
    public void In_lists_every_value_quoted()
    {
        var filter = Fql.In("value", ["a", "b'c", @"d\"]);

        Assert.Equal(@"value:['a','b\'c','d\\']", filter.ToString());
    }

    [Fact]
    public void In_refuses_an_empty_list() =>
        Assert.Throws<ArgumentException>(() => Fql.In("value", []));

    [Fact]
    public void And_joins_terms_with_plus()
    {
        var filter = Fql.Eq("type", "domain") & Fql.Eq("value", "x.example") & Fql.Eq("deleted", false);

        Assert.Equal("type:'domain'+value:'x.example'+deleted:false", filter.ToString());
        Assert.Equal(3, filter.TermCount);
    }

    [Fact]
    public void Or_groups_are_parenthesised_so_precedence_never_matters()
    {
        var filter = Fql.Eq("type", "md5") & (Fql.Eq("source", "a") | Fql.Eq("source", "b"));

        Assert.Equal("type:'md5'+(source:'a',source:'b')", filter.ToString());
    }

    [Fact]
    public void An_and_inside_an_or_is_parenthesised()
    {
        var filter = (Fql.Eq("a", "1") & Fql.Eq("b", "2")) | Fql.Eq("c", "3");

        Assert.Equal("((a:'1'+b:'2'),c:'3')", filter.ToString());
    }

    [Fact]
    public void And_and_Or_helpers_match_the_operators()
    {
        Assert.Equal(
            (Fql.Eq("a", "1") & Fql.Eq("b", "2") & Fql.Eq("c", "3")).ToString(),
            Fql.And(Fql.Eq("a", "1"), Fql.Eq("b", "2"), Fql.Eq("c", "3")).ToString());
        Assert.Equal("(a:'1',b:'2')", Fql.Or(Fql.Eq("a", "1"), Fql.Eq("b", "2")).ToString());
    }

    [Theory]
    [InlineData("value:x")]
    [InlineData("Value")]
    [InlineData("value'")]
    [InlineData("a b")]
    [InlineData("")]
    [InlineData("1abc")]
    public void Property_names_must_be_plain_identifiers(string property) =>
        Assert.Throws<ArgumentException>(() => Fql.Eq(property, "v"));

    [Fact]
    public void Operators_prefix_the_quoted_operand()
    {
        var time = new DateTimeOffset(2025, 1, 2, 3, 4, 5, TimeSpan.FromHours(2));

        Assert.Equal("modified_on:>'2025-01-02T01:04:05Z'", Fql.After("modified_on", time).ToString());
        Assert.Equal("modified_on:<='2025-01-02T01:04:05Z'", Fql.AtOrBefore("modified_on", time).ToString());
        Assert.Equal("created_by:!'me'", Fql.NotEq("created_by", "me").ToString());
        Assert.Equal("description:~'c2'", Fql.Like("description", "c2").ToString());
        Assert.Equal("expired:true", Fql.Eq("expired", true).ToString());
        Assert.Equal("score:42", Fql.Eq("score", 42).ToString());
    }

    [Fact]
    public void The_whole_filter_is_url_encoded_in_the_query_string()
    {
        var filter = Fql.Eq("type", "domain") & Fql.Eq("value", "a b+c&d=e#f");

        var uri = new QueryString("iocs/queries/indicators/v1").Add("filter", filter.ToString()).Add("limit", "500").ToString();

        Assert.Equal(
            "iocs/queries/indicators/v1?filter=type%3A%27domain%27%2Bvalue%3A%27a%20b%2Bc%26d%3De%23f%27&limit=500",
            uri);
        Assert.DoesNotContain('+', uri);
    }

    private static (string Literal, int End) ReadLiteral(string text, int start)
    {
        Assert.Equal('\'', text[start]);
        var builder = new System.Text.StringBuilder();
        for (var i = start + 1; i < text.Length; i++)
        {
            switch (text[i])
            {
                case '\\':
                    builder.Append(text[++i]);
                    break;
                case '\'':
                    return (builder.ToString(), i + 1);
                default:
                    builder.Append(text[i]);
                    break;
            }
        }

        throw new InvalidOperationException("Unterminated literal.");
    }
}
