using Connector.Domain.Patterns;

namespace Connector.Domain.Tests.Patterns;

/// <summary>Garbage in never throws: every input gives a well-formed result.</summary>
public sealed class PatternFuzzTests
{
    private const string PatternAlphabet = "[]()':.=!<>*,\\-+ \t\nabcdefhstxyzORANDNOTWITHINvalue0123456789_'\"#%@/üé😀\u0000";

    private static readonly string[] Seeds =
    [
        "[domain-name:value = 'a.example']",
        "[file:hashes.MD5 = 'd41d8cd98f00b204e9800998ecf8427e' OR file:hashes.'SHA-256' = 'abc']",
        "[ipv4-addr:value = '1.2.3.4'] OR [ipv6-addr:value = '::1'] WITHIN 5 SECONDS",
        "[domain-name:value IN ('a', 'b') AND NOT x:y[*].z MATCHES 'q'] START t'2024-01-01T00:00:00Z' STOP t'2024-01-02T00:00:00Z'",
        @"[domain-name:value = 'it\'s \\ here'] FOLLOWEDBY ([url:value = h'ff' OR EXISTS a:b] REPEATS 2 TIMES)",
    ];

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Random_strings_never_throw(int seed)
    {
        var random = new Random(seed);
        for (var i = 0; i < 3_000; i++)
        {
            var length = random.Next(0, 80);
            var chars = new char[length];
            for (var j = 0; j < length; j++)
            {
                chars[j] = random.Next(4) == 0 ? (char)random.Next(0, 0xFFFF) : PatternAlphabet[random.Next(PatternAlphabet.Length)];
            }

            AssertWellFormed(new string(chars));
        }
    }

    [Theory]
    [InlineData(11)]
    [InlineData(12)]
    [InlineData(13)]
    public void Mutated_valid_patterns_never_throw(int seed)
    {
        var random = new Random(seed);
        for (var i = 0; i < 3_000; i++)
        {
            var text = new System.Text.StringBuilder(Seeds[random.Next(Seeds.Length)]);
            for (var edits = random.Next(1, 5); edits > 0; edits--)
            {
                var at = random.Next(text.Length + 1);
                switch (random.Next(3))
                {
                    case 0 when at < text.Length:
                        text.Remove(at, 1);
                        break;
                    case 1 when at < text.Length:
                        text[at] = PatternAlphabet[random.Next(PatternAlphabet.Length)];
                        break;
                    default:
                        text.Insert(at, PatternAlphabet[random.Next(PatternAlphabet.Length)]);
                        break;
                }
            }

            AssertWellFormed(text.ToString());
        }
    }

    [Theory]
    [InlineData(21)]
    [InlineData(22)]
    public void Random_token_soups_never_throw(int seed)
    {
        string[] words =
        [
            "[", "]", "(", ")", "OR", "AND", "NOT", "FOLLOWEDBY", "WITHIN", "SECONDS", "START", "STOP", "REPEATS", "TIMES",
            "domain-name:value", "file:hashes.'SHA-256'", "ipv4-addr:value", "=", "!=", "IN", "MATCHES", "EXISTS", "'a'",
            "5", "t'2024-01-01T00:00:00Z'", "h'ff'", ",", "true", ".", ":", "[*]",
        ];
        var random = new Random(seed);
        for (var i = 0; i < 5_000; i++)
        {
            var count = random.Next(1, 25);
            var pattern = string.Join(random.Next(2) == 0 ? " " : string.Empty, Enumerable.Range(0, count).Select(_ => words[random.Next(words.Length)]));
            AssertWellFormed(pattern);
        }
    }

    [Theory]
    [InlineData("[[[[[[[[[[[[[[[[[[[[")]
    [InlineData("]]]]]]]]]]")]
    [InlineData("''''''''''")]
    [InlineData("\\\\\\\\")]
    [InlineData("[a:b = 'x' OR OR OR]")]
    [InlineData("[a:b = 'x'] WITHIN")]
    [InlineData("t'")]
    [InlineData("[a:b[")]
    [InlineData("[a:b[*")]
    [InlineData("[a:b[-1]")]
    [InlineData("\uD800")]
    [InlineData("[domain-name:value = '\uDC00']")]
    public void Edge_garbage_never_throws(string pattern)
    {
        AssertWellFormed(pattern);
    }

    private static void AssertWellFormed(string pattern)
    {
        var result = StixPatternParser.Parse(pattern);
        if (result.IsSuccess)
        {
            Assert.NotEmpty(result.Iocs);
            Assert.Null(result.Reason);
        }
        else
        {
            Assert.Empty(result.Iocs);
            Assert.False(string.IsNullOrEmpty(result.Reason));
            if (result.FailureKind == PatternFailureKind.SyntaxError)
            {
                Assert.StartsWith("syntax error at ", result.Reason, StringComparison.Ordinal);
                Assert.InRange(result.ErrorPosition!.Value, 0, pattern.Length);
            }
            else
            {
                Assert.StartsWith("not supported: ", result.Reason, StringComparison.Ordinal);
            }
        }
    }
}
