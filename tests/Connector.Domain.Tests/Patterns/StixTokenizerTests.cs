using Connector.Domain.Patterns;

namespace Connector.Domain.Tests.Patterns;

public sealed class StixTokenizerTests
{
    public static TheoryData<string, string> TokenKinds => new()
    {
        {
            "[domain-name:value='x']",
            "LeftBracket Identifier Colon Identifier Equal String RightBracket End"
        },
        {
            "file:hashes.'SHA-256'",
            "Identifier Colon Identifier Dot String End"
        },
        {
            "= == != <> < <= > >=",
            "Equal Equal NotEqual NotEqual Less LessOrEqual Greater GreaterOrEqual End"
        },
        { "5 -5 +5 1.5 -1.5", "Integer Integer Integer Float Float End" },
        { "1.", "Integer Dot End" },
        { "t'2024-01-01T00:00:00Z' h'ff' b'AA=='", "Timestamp Hex Binary End" },
        { "t 'x'", "Identifier String End" },
        { "x'y'", "Identifier String End" },
        { "('a','b')", "LeftParen String Comma String RightParen End" },
        { "a[*]", "Identifier LeftBracket Asterisk RightBracket End" },
        { "", "End" },
        { " \t\r\n", "End" },
    };

    [Theory]
    [MemberData(nameof(TokenKinds))]
    public void Tokens_are_classified(string pattern, string kinds)
    {
        Assert.Equal(kinds, string.Join(" ", StixTokenizer.Tokenize(pattern).Select(t => t.Kind)));
    }

    [Theory]
    [InlineData("'plain'", "plain")]
    [InlineData("''", "")]
    [InlineData(@"'it\'s'", "it's")]
    [InlineData(@"'a\\b'", @"a\b")]
    [InlineData(@"'\\'", @"\")]
    [InlineData("'two words'", "two words")]
    [InlineData("'ü漢😀'", "ü漢😀")]
    public void Strings_are_unescaped(string literal, string value)
    {
        var token = Assert.Single(StixTokenizer.Tokenize(literal), t => t.Kind == StixTokenKind.String);

        Assert.Equal(value, token.Value);
        Assert.Equal(0, token.Start);
        Assert.Equal(literal.Length, token.End);
    }

    [Theory]
    [InlineData("ipv4-addr", "ipv4-addr")]
    [InlineData("sha-256", "sha-256")]
    [InlineData("_x1", "_x1")]
    [InlineData("SHA256=", "SHA256")]
    public void Words_take_letters_digits_underscores_and_hyphens(string text, string word)
    {
        var token = StixTokenizer.Tokenize(text)[0];

        Assert.Equal(StixTokenKind.Identifier, token.Kind);
        Assert.Equal(word, token.Value);
    }

    [Theory]
    [InlineData("t'2024-01-01T00:00:00Z'", "2024-01-01T00:00:00Z")]
    [InlineData("h'ff00'", "ff00")]
    [InlineData("B'AAE='", "AAE=")]
    public void Typed_literals_keep_their_content(string text, string content)
    {
        Assert.Equal(content, StixTokenizer.Tokenize(text)[0].Value);
    }

    [Theory]
    [InlineData("OR", "or", true)]
    [InlineData("Or", "OR", true)]
    [InlineData("ORx", "OR", false)]
    public void Keywords_match_in_any_case(string text, string keyword, bool matches)
    {
        Assert.Equal(matches, StixTokenizer.Tokenize(text)[0].IsKeyword(keyword));
    }

    [Fact]
    public void A_string_is_never_a_keyword()
    {
        Assert.False(StixTokenizer.Tokenize("'OR'")[0].IsKeyword("OR"));
    }
}
