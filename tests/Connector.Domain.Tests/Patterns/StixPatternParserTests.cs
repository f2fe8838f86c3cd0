using Connector.Contracts;
using Connector.Domain.Patterns;

namespace Connector.Domain.Tests.Patterns;

public sealed class StixPatternParserTests
{
    private const string Sha256 = "E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855";
    private const string Md5 = "d41d8cd98f00b204e9800998ecf8427e";

    public static TheoryData<string, IocType, string> SingleIocPatterns => new()
    {
        // The shapes of opencti-live-stream.md §7.
        { "[ipv4-addr:value = '198.51.100.7']", IocType.Ipv4, "198.51.100.7" },
        { "[domain-name:value='a.example']", IocType.Domain, "a.example" },
        { $"[file:hashes.'SHA-256' = '{Sha256}']", IocType.Sha256, Sha256 },
        { $"[file:hashes.MD5 = '{Md5}']", IocType.Md5, Md5 },
        { $"[file:hashes.SHA256 = '{Sha256}']", IocType.Sha256, Sha256 },
        // Every spelling of the hash names, quoted or not, any case.
        { $"[file:hashes.'SHA256' = '{Sha256}']", IocType.Sha256, Sha256 },
        { $"[file:hashes.sha-256 = '{Sha256}']", IocType.Sha256, Sha256 },
        { $"[file:hashes.'sha256' = '{Sha256}']", IocType.Sha256, Sha256 },
        { $"[file:hashes.Sha_256 = '{Sha256}']", IocType.Sha256, Sha256 },
        { $"[file:hashes.'MD5' = '{Md5}']", IocType.Md5, Md5 },
        { $"[file:hashes.md5 = '{Md5}']", IocType.Md5, Md5 },
        { $"[file:hashes.'Md5' = '{Md5}']", IocType.Md5, Md5 },
        // The other supported object paths.
        { "[hostname:value = 'host.example']", IocType.Domain, "host.example" },
        { "[ipv6-addr:value = '2001:db8::1']", IocType.Ipv6, "2001:db8::1" },
        { "[Domain-Name:VALUE = 'a.example']", IocType.Domain, "a.example" },
        { "[IPv4-Addr:value = '10.1.2.3']", IocType.Ipv4, "10.1.2.3" },
        // Any spacing: none at all, or newlines and tabs everywhere.
        { "[domain-name:value='x']", IocType.Domain, "x" },
        { "  [\n\tdomain-name:value\t=\r\n'a.example'\n]  ", IocType.Domain, "a.example" },
        { "[ domain-name : value = 'a.example' ]", IocType.Domain, "a.example" },
        { "[file : hashes . 'SHA-256' = 'abc']", IocType.Sha256, "abc" },
        // '==' is the grammar's other spelling of '='.
        { "[domain-name:value == 'a.example']", IocType.Domain, "a.example" },
        // Redundant parentheses at both levels.
        { "[(domain-name:value = 'a.example')]", IocType.Domain, "a.example" },
        { "([domain-name:value = 'a.example'])", IocType.Domain, "a.example" },
        { "(([(((domain-name:value = 'a.example')))]))", IocType.Domain, "a.example" },
        // Values are kept whole and exactly as written: spaces, quotes, backslashes, keywords, brackets, Unicode.
        { "[domain-name:value = 'evil example.com']", IocType.Domain, "evil example.com" },
        { @"[domain-name:value = 'it\'s.example']", IocType.Domain, "it's.example" },
        { @"[domain-name:value = 'back\\slash']", IocType.Domain, @"back\slash" },
        { @"[domain-name:value = '\\\'']", IocType.Domain, @"\'" },
        { "[domain-name:value = 'x OR y] AND [z']", IocType.Domain, "x OR y] AND [z" },
        { "[domain-name:value = 'A.Example']", IocType.Domain, "A.Example" },
        { "[domain-name:value = 'bücher.example']", IocType.Domain, "bücher.example" },
        { "[domain-name:value = '  padded  ']", IocType.Domain, "  padded  " },
        { "[domain-name:value = '']", IocType.Domain, "" },
    };

    [Theory]
    [MemberData(nameof(SingleIocPatterns))]
    public void A_supported_equality_yields_its_ioc_with_the_raw_value(string pattern, IocType type, string raw)
    {
        var result = StixPatternParser.Parse(pattern);

        Assert.True(result.IsSuccess, result.Reason);
        Assert.Equal([new PatternIoc(type, raw)], result.Iocs);
        Assert.Empty(result.Skipped);
        Assert.Null(result.Reason);
        Assert.Null(result.FailureKind);
        Assert.Null(result.ErrorPosition);
    }

    public static TheoryData<string, string[]> MultiIocPatterns => new()
    {
        // Compound OR inside one observation keeps every term (fix #1: the Python connector kept the first).
        { $"[file:hashes.MD5 = '{Md5}' OR file:hashes.'SHA-256' = '{Sha256}']", [$"Md5:{Md5}", $"Sha256:{Sha256}"] },
        { "[domain-name:value = 'a' OR domain-name:value = 'b' OR domain-name:value = 'c']", ["Domain:a", "Domain:b", "Domain:c"] },
        { "[domain-name:value = 'a' or domain-name:value = 'b']", ["Domain:a", "Domain:b"] },
        { "[domain-name:value = 'a' Or ipv4-addr:value = '1.2.3.4']", ["Domain:a", "Ipv4:1.2.3.4"] },
        { "[(domain-name:value = 'a' OR domain-name:value = 'b') OR (hostname:value = 'c')]", ["Domain:a", "Domain:b", "Domain:c"] },
        // OR across observations.
        { "[domain-name:value = 'a'] OR [domain-name:value = 'b']", ["Domain:a", "Domain:b"] },
        { "[ipv4-addr:value='1.2.3.4']OR[ipv6-addr:value='::1']", ["Ipv4:1.2.3.4", "Ipv6:::1"] },
        { "([domain-name:value = 'a'] OR [ipv4-addr:value = '1.2.3.4']) or [domain-name:value = 'c' OR domain-name:value = 'd']", ["Domain:a", "Ipv4:1.2.3.4", "Domain:c", "Domain:d"] },
        // Duplicates are removed, first appearance kept; domain-name and hostname are both domains.
        { "[domain-name:value = 'a' OR domain-name:value = 'a']", ["Domain:a"] },
        { "[domain-name:value = 'a'] OR [hostname:value = 'a'] OR [domain-name:value = 'b']", ["Domain:a", "Domain:b"] },
        // The same text under two types is two IOCs; values differing only in case are left to normalisation.
        { "[domain-name:value = 'a' OR domain-name:value = 'A']", ["Domain:a", "Domain:A"] },
        { $"[file:hashes.MD5 = '{Md5}' OR file:hashes.'SHA-256' = '{Md5}']", [$"Md5:{Md5}", $"Sha256:{Md5}"] },
    };

    [Theory]
    [MemberData(nameof(MultiIocPatterns))]
    public void An_or_of_supported_equalities_yields_every_ioc_in_order_without_duplicates(string pattern, string[] expected)
    {
        var result = StixPatternParser.Parse(pattern);

        Assert.True(result.IsSuccess, result.Reason);
        Assert.Equal(expected, result.Iocs.Select(i => $"{i.Type}:{i.RawValue}"));
        Assert.Empty(result.Skipped);
    }

    public static TheoryData<string, string[], string, string> PartlySupportedOrs => new()
    {
        {
            "[domain-name:value = 'a.example' OR url:value = 'http://x']",
            ["Domain:a.example"], "url:value = 'http://x'", "not supported: object path 'url:value'"
        },
        {
            "[url:value='http://x'] OR [domain-name:value='a.example']",
            ["Domain:a.example"], "url:value='http://x'", "not supported: object path 'url:value'"
        },
        {
            "[domain-name:value = 'a.example' OR domain-name:value MATCHES '^evil']",
            ["Domain:a.example"], "domain-name:value MATCHES '^evil'", "not supported: operator MATCHES"
        },
        {
            $"[file:hashes.'SHA-1' = 'abc' OR file:hashes.MD5 = '{Md5}']",
            [$"Md5:{Md5}"], "file:hashes.'SHA-1' = 'abc'", "not supported: object path 'file:hashes.'SHA-1''"
        },
        {
            "[ipv4-addr:value = '1.2.3.4' OR ipv4-addr:value NOT = '5.6.7.8']",
            ["Ipv4:1.2.3.4"], "ipv4-addr:value NOT = '5.6.7.8'", "not supported: NOT ="
        },
        {
            "[ipv4-addr:value = '1.2.3.4' OR ipv4-addr:value IN ('5.6.7.8', '9.9.9.9')]",
            ["Ipv4:1.2.3.4"], "ipv4-addr:value IN ('5.6.7.8', '9.9.9.9')", "not supported: operator IN"
        },
        {
            "[domain-name:value = 'a' OR EXISTS email-addr:value]",
            ["Domain:a"], "EXISTS email-addr:value", "not supported: operator EXISTS"
        },
        {
            "[domain-name:value = 'a' OR domain-name:value = 42]",
            ["Domain:a"], "domain-name:value = 42", "not supported: integer value"
        },
    };

    [Theory]
    [MemberData(nameof(PartlySupportedOrs))]
    public void An_or_with_unsupported_terms_keeps_the_supported_ones_and_reports_the_skipped_term(
        string pattern, string[] expected, string skippedTerm, string reason)
    {
        var result = StixPatternParser.Parse(pattern);

        Assert.True(result.IsSuccess, result.Reason);
        Assert.Equal(expected, result.Iocs.Select(i => $"{i.Type}:{i.RawValue}"));
        Assert.Equal([new SkippedTerm(skippedTerm, reason)], result.Skipped);
    }

    [Fact]
    public void Every_skipped_term_is_listed_so_callers_can_count_them()
    {
        var result = StixPatternParser.Parse(
            "[url:value = 'u' OR domain-name:value = 'a'] OR [file:name = 'x.exe'] OR [email-addr:value = 'e@x']");

        Assert.True(result.IsSuccess);
        Assert.Equal(["a"], result.Iocs.Select(i => i.RawValue));
        Assert.Equal(
            ["url:value = 'u'", "file:name = 'x.exe'", "email-addr:value = 'e@x'"],
            result.Skipped.Select(s => s.Term));
    }

    public static TheoryData<string, string> UnsupportedPatterns => new()
    {
        // AND anywhere makes the whole pattern unsupported, even next to supported OR terms.
        { "[domain-name:value = 'a' AND domain-name:value = 'b']", "not supported: AND combines comparisons and cannot be reduced to single IOCs" },
        { "[domain-name:value = 'a' and ipv4-addr:value = '1.2.3.4']", "not supported: AND combines comparisons and cannot be reduced to single IOCs" },
        { $"[file:hashes.MD5 = '{Md5}' AND file:size = 5]", "not supported: AND combines comparisons and cannot be reduced to single IOCs" },
        { "[domain-name:value = 'a' OR domain-name:value = 'b' AND domain-name:value = 'c']", "not supported: AND combines comparisons and cannot be reduced to single IOCs" },
        { "[domain-name:value = 'a'] OR [domain-name:value = 'b' AND ipv4-addr:value = '1.2.3.4']", "not supported: AND combines comparisons and cannot be reduced to single IOCs" },
        { "[domain-name:value = 'a'] AND [ipv4-addr:value = '1.2.3.4']", "not supported: AND combines observations and cannot be reduced to single IOCs" },
        { "[domain-name:value = 'a'] OR [domain-name:value = 'b'] AND [domain-name:value = 'c']", "not supported: AND combines observations and cannot be reduced to single IOCs" },
        { "[domain-name:value = 'a'] FOLLOWEDBY [domain-name:value = 'b']", "not supported: FOLLOWEDBY combines observations and cannot be reduced to single IOCs" },
        { "[domain-name:value = 'a'] followedby [domain-name:value = 'b']", "not supported: FOLLOWEDBY combines observations and cannot be reduced to single IOCs" },
        // Qualifiers change what matches; a bare IOC would match more.
        { "[ipv4-addr:value = '1.2.3.4'] WITHIN 300 SECONDS", "not supported: qualifier WITHIN" },
        { "[ipv4-addr:value = '1.2.3.4'] within 1.5 seconds", "not supported: qualifier WITHIN" },
        { "[ipv4-addr:value = '1.2.3.4'] START t'2024-01-01T00:00:00Z' STOP t'2024-02-01T00:00:00Z'", "not supported: qualifier START/STOP" },
        { "[ipv4-addr:value = '1.2.3.4'] REPEATS 3 TIMES", "not supported: qualifier REPEATS" },
        { "[ipv4-addr:value = '1.2.3.4'] REPEATS 3 TIMES WITHIN 10 SECONDS", "not supported: qualifier REPEATS" },
        { "[domain-name:value = 'a'] OR [ipv4-addr:value = '1.2.3.4'] WITHIN 5 SECONDS", "not supported: qualifier WITHIN" },
        { "([domain-name:value = 'a'] OR [domain-name:value = 'b']) WITHIN 5 SECONDS", "not supported: qualifier WITHIN" },
        // Object paths Falcon has no IOC type for.
        { "[url:value = 'http://x.example/a']", "not supported: object path 'url:value'" },
        { "[file:hashes.'SHA-1' = 'da39a3ee5e6b4b0d3255bfef95601890afd80709']", "not supported: object path 'file:hashes.'SHA-1''" },
        { "[file:hashes.'SHA-512' = 'ab']", "not supported: object path 'file:hashes.'SHA-512''" },
        { "[file:hashes.'SHA3-256' = 'ab']", "not supported: object path 'file:hashes.'SHA3-256''" },
        { "[email-addr:value = 'a@b.example']", "not supported: object path 'email-addr:value'" },
        { "[file:name = 'evil.exe']", "not supported: object path 'file:name'" },
        { "[domain-name:name = 'a']", "not supported: object path 'domain-name:name'" },
        { "[ipv4-addr:value.x = '1.2.3.4']", "not supported: object path 'ipv4-addr:value.x'" },
        { "[file:hashes.'SHA-256'.x = 'a']", "not supported: object path 'file:hashes.'SHA-256'.x'" },
        { "[file:hashes = 'a']", "not supported: object path 'file:hashes'" },
        { "[network-traffic:dst_ref.value = '1.2.3.4']", "not supported: object path 'network-traffic:dst_ref.value'" },
        { "[email-message:to_refs[*].value = 'a@b']", "not supported: object path 'email-message:to_refs[*].value'" },
        { "[x-custom:values[0] = 'a']", "not supported: object path 'x-custom:values[0]'" },
        { "[mutex:name = 'Global\\\\x']", "not supported: object path 'mutex:name'" },
        // Operators other than '='.
        { "[domain-name:value MATCHES '^evil']", "not supported: operator MATCHES" },
        { "[domain-name:value LIKE 'evil%']", "not supported: operator LIKE" },
        { "[domain-name:value like 'evil%']", "not supported: operator LIKE" },
        { "[domain-name:value != 'a']", "not supported: operator !=" },
        { "[domain-name:value <> 'a']", "not supported: operator !=" },
        { "[ipv4-addr:value > '1.2.3.4']", "not supported: operator >" },
        { "[ipv4-addr:value >= '1.2.3.4']", "not supported: operator >=" },
        { "[ipv4-addr:value < '1.2.3.4']", "not supported: operator <" },
        { "[ipv4-addr:value <= '1.2.3.4']", "not supported: operator <=" },
        { "[ipv4-addr:value ISSUBSET '10.0.0.0/8']", "not supported: operator ISSUBSET" },
        { "[ipv4-addr:value ISSUPERSET '10.0.0.1']", "not supported: operator ISSUPERSET" },
        { "[domain-name:value IN ('a', 'b')]", "not supported: operator IN" },
        { "[domain-name:value IN ()]", "not supported: operator IN" },
        { "[EXISTS domain-name:value]", "not supported: operator EXISTS" },
        { "[domain-name:value NOT = 'a']", "not supported: NOT =" },
        { "[domain-name:value not MATCHES 'a']", "not supported: NOT MATCHES" },
        { "[domain-name:value NOT IN ('a')]", "not supported: NOT IN" },
        // Values that are not strings.
        { "[domain-name:value = 5]", "not supported: integer value" },
        { "[domain-name:value = -5]", "not supported: integer value" },
        { "[domain-name:value = 1.5]", "not supported: float value" },
        { "[domain-name:value = true]", "not supported: boolean value" },
        { "[domain-name:value = FALSE]", "not supported: boolean value" },
        { "[domain-name:value = t'2024-01-01T00:00:00Z']", "not supported: timestamp value" },
        { "[domain-name:value = h'ff00']", "not supported: hex value" },
        { "[domain-name:value = b'AAE=']", "not supported: binary value" },
        // No term left: one reason, or all of them.
        { "[url:value = 'a' OR email-addr:value = 'b']", "not supported: none of the 2 comparisons yields a supported IOC (object path 'url:value'; object path 'email-addr:value')" },
        { "[url:value = 'a'] OR [url:value = 'b']", "not supported: object path 'url:value'" },
        { "[domain-name:value MATCHES 'a' OR url:value = 'b']", "not supported: none of the 2 comparisons yields a supported IOC (operator MATCHES; object path 'url:value')" },
    };

    [Theory]
    [MemberData(nameof(UnsupportedPatterns))]
    public void A_valid_pattern_that_cannot_be_reduced_to_single_iocs_is_not_supported(string pattern, string reason)
    {
        var result = StixPatternParser.Parse(pattern);

        Assert.False(result.IsSuccess);
        Assert.Equal(PatternFailureKind.NotSupported, result.FailureKind);
        Assert.Equal(reason, result.Reason);
        Assert.Null(result.ErrorPosition);
        Assert.Empty(result.Iocs);
    }

    public static TheoryData<string, int, string> SyntaxErrors => new()
    {
        { "", 0, "empty pattern" },
        { "   \n ", 0, "empty pattern" },
        { "[domain-name:value='abc", 19, "unterminated string" },
        { "[domain-name:value = 'abc]", 21, "unterminated string" },
        { @"[domain-name:value = 'abc\']", 21, "unterminated string" },
        { @"[domain-name:value = 'abc\", 21, "unterminated string" },
        { "[domain-name:value = t'2024]", 21, "unterminated string" },
        { @"[domain-name:value = 'a\x']", 23, @"invalid escape \x in string (only \' and \\ are allowed)" },
        { "domain-name:value = 'a'", 0, "unexpected 'domain-name' where '[' or '(' was expected" },
        { "[domain-name:value = 'a'", 24, "unexpected end of pattern where ']' to close the observation was expected" },
        { "[domain-name:value 'a']", 19, "unexpected ''a'' where a comparison operator was expected" },
        { "[domain-name:value = ]", 21, "unexpected ']' where a literal value was expected" },
        { "[domain-name = 'a']", 13, "unexpected '=' where ':' after the object type 'domain-name' was expected" },
        { "[:value = 'a']", 1, "unexpected ':' where an object path was expected" },
        { "[]", 1, "unexpected ']' where an object path was expected" },
        { "[domain-name: = 'a']", 14, "unexpected '=' where a property name was expected" },
        { "[file:hashes. = 'a']", 14, "unexpected '=' where a property name was expected" },
        { "[domain-name:value = 'a'] OR", 28, "unexpected end of pattern where '[' or '(' was expected" },
        { "[domain-name:value = 'a']]", 25, "unexpected ']' after the end of the pattern" },
        { "[domain-name:value = 'a'] [domain-name:value = 'b']", 26, "unexpected '[' after the end of the pattern" },
        { "[domain-name:value = 'a' OR]", 27, "unexpected ']' where an object path was expected" },
        { "[domain-name:value = 'a' AND]", 28, "unexpected ']' where an object path was expected" },
        { "[(domain-name:value = 'a']", 25, "unexpected ']' where ')' was expected" },
        { "([domain-name:value = 'a']", 26, "unexpected end of pattern where ')' was expected" },
        { "[domain-name:value = 'a' #]", 25, "unexpected character '#'" },
        { "[domain-name:value ! 'a']", 19, "unexpected character '!'" },
        { "[domain-name:value = 'a'] WITHIN SECONDS", 33, "unexpected 'SECONDS' where a number of seconds was expected after WITHIN" },
        { "[domain-name:value = 'a'] WITHIN 5", 34, "unexpected end of pattern where SECONDS was expected" },
        { "[domain-name:value = 'a'] START '2024' STOP t'x'", 32, "unexpected ''2024'' where a timestamp t'...' after START was expected" },
        { "[domain-name:value = 'a'] START t'x' t'y'", 37, "unexpected 't'y'' where STOP was expected" },
        { "[domain-name:value = 'a'] REPEATS 1.5 TIMES", 34, "unexpected '1.5' where a count after REPEATS was expected" },
        { "[domain-name:value IN 'a']", 22, "unexpected ''a'' where '(' to open the list after IN was expected" },
        { "[domain-name:value IN ('a' 'b')]", 27, "unexpected ''b'' where ',' or ')' in the list was expected" },
        { "[domain-name:value IN ('a',)]", 27, "unexpected ')' where a literal value was expected" },
        { "[domain-name:value = ('a')]", 21, "unexpected '(' where a literal value was expected" },
        { "[domain-name:value = other]", 21, "unexpected 'other' where a literal value was expected" },
        { "[EXISTS]", 7, "unexpected ']' where an object path was expected" },
        { "[domain-name:value = 'a'] WITHIN 'x' SECONDS", 33, "unexpected ''x'' where a number of seconds was expected after WITHIN" },
        { "[x:y[0 = 'a']", 7, "unexpected '=' where ']' to close the list index was expected" },
        { "[x:y[0] = 'a' OR x:y[] = 'b']", 20, "unexpected '[' where a comparison operator was expected" },
        { "[domain-name:value = 'a']\u0000", 25, "unexpected character U+0000" },
    };

    [Theory]
    [MemberData(nameof(SyntaxErrors))]
    public void An_invalid_pattern_is_a_syntax_error_with_its_position(string pattern, int position, string message)
    {
        var result = StixPatternParser.Parse(pattern);

        Assert.False(result.IsSuccess);
        Assert.Equal(PatternFailureKind.SyntaxError, result.FailureKind);
        Assert.Equal(position, result.ErrorPosition);
        Assert.Equal($"syntax error at {position}: {message}", result.Reason);
        Assert.Empty(result.Iocs);
    }

    [Fact]
    public void A_syntax_error_anywhere_wins_over_supported_terms_before_it()
    {
        var result = StixPatternParser.Parse("[domain-name:value = 'a'] OR [domain-name:value = ");

        Assert.Equal(PatternFailureKind.SyntaxError, result.FailureKind);
    }

    [Fact]
    public void A_null_pattern_is_an_empty_pattern()
    {
        var result = StixPatternParser.Parse(null);

        Assert.Equal(PatternFailureKind.SyntaxError, result.FailureKind);
        Assert.Equal("syntax error at 0: empty pattern", result.Reason);
    }

    [Fact]
    public void A_very_long_offending_token_is_shortened_in_the_reason()
    {
        var longWord = new string('x', 500);
        var result = StixPatternParser.Parse($"[domain-name:value = {longWord}]");

        Assert.Equal(PatternFailureKind.SyntaxError, result.FailureKind);
        Assert.Equal($"syntax error at 21: unexpected '{new string('x', 37)}...' where a literal value was expected", result.Reason);
    }

    [Fact]
    public void Parentheses_nested_beyond_the_limit_are_a_syntax_error_not_a_stack_overflow()
    {
        var depth = 100_000;
        var pattern = new string('(', depth) + "[domain-name:value = 'a']" + new string(')', depth);

        var result = StixPatternParser.Parse(pattern);

        Assert.Equal(PatternFailureKind.SyntaxError, result.FailureKind);
        Assert.Equal(StixSyntaxParser.MaxNesting, result.ErrorPosition);
        Assert.EndsWith($"parentheses nested deeper than {StixSyntaxParser.MaxNesting} levels", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Parentheses_nested_up_to_the_limit_are_accepted()
    {
        var depth = StixSyntaxParser.MaxNesting;
        var pattern = new string('(', depth) + "[domain-name:value = 'a']" + new string(')', depth);

        var result = StixPatternParser.Parse(pattern);

        Assert.True(result.IsSuccess, result.Reason);
    }

    [Fact]
    public void A_long_or_chain_yields_every_term()
    {
        var terms = Enumerable.Range(0, 20_000).Select(i => $"[domain-name:value = 'd{i}.example']");
        var result = StixPatternParser.Parse(string.Join(" OR ", terms));

        Assert.True(result.IsSuccess, result.Reason);
        Assert.Equal(20_000, result.Iocs.Count);
        Assert.Equal("d19999.example", result.Iocs[^1].RawValue);
    }

    [Fact]
    public void A_long_qualifier_chain_is_refused_without_deep_recursion()
    {
        var pattern = "[domain-name:value = 'a']" + string.Concat(Enumerable.Repeat(" WITHIN 1 SECONDS", 50_000));

        var result = StixPatternParser.Parse(pattern);

        Assert.Equal("not supported: qualifier WITHIN", result.Reason);
    }

    public static TheoryData<string?> StixPatternTypes => new() { "stix", "STIX", "Stix", " stix " };

    [Theory]
    [MemberData(nameof(StixPatternTypes))]
    public void The_front_door_reads_stix_patterns_whatever_the_case(string? patternType)
    {
        var result = StixPatternParser.ParseIndicatorPattern(patternType, "[domain-name:value = 'a.example']");

        Assert.True(result.IsSuccess, result.Reason);
        Assert.Equal([new PatternIoc(IocType.Domain, "a.example")], result.Iocs);
    }

    [Theory]
    [InlineData("yara", "not supported: pattern_type 'yara'")]
    [InlineData("sigma", "not supported: pattern_type 'sigma'")]
    [InlineData("snort", "not supported: pattern_type 'snort'")]
    [InlineData("suricata", "not supported: pattern_type 'suricata'")]
    [InlineData("pcre", "not supported: pattern_type 'pcre'")]
    [InlineData("spl", "not supported: pattern_type 'spl'")]
    [InlineData("stix2", "not supported: pattern_type 'stix2'")]
    [InlineData(null, "not supported: pattern_type missing")]
    [InlineData("", "not supported: pattern_type missing")]
    [InlineData("  ", "not supported: pattern_type missing")]
    public void The_front_door_refuses_every_other_pattern_type(string? patternType, string reason)
    {
        var result = StixPatternParser.ParseIndicatorPattern(patternType, "[domain-name:value = 'a.example']");

        Assert.Equal(PatternFailureKind.NotSupported, result.FailureKind);
        Assert.Equal(reason, result.Reason);
    }

    [Fact]
    public void The_front_door_reports_a_missing_stix_pattern_as_a_syntax_error()
    {
        var result = StixPatternParser.ParseIndicatorPattern("stix", null);

        Assert.Equal(PatternFailureKind.SyntaxError, result.FailureKind);
    }
}
