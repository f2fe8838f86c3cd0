using System.Globalization;
using System.Text;

namespace Connector.Domain.Patterns;

/// <summary>
/// Splits a STIX pattern into tokens. Whitespace between tokens is free (none is needed), strings take the
/// two escapes the STIX grammar allows (<c>\'</c> and <c>\\</c>), and the typed literals (<c>t'..'</c>,
/// <c>h'..'</c>, <c>b'..'</c>), numbers and lists are tokenised so the parser can name them when it refuses them.
/// </summary>
internal static class StixTokenizer
{
    public static IReadOnlyList<StixToken> Tokenize(string pattern)
    {
        var tokens = new List<StixToken>();
        var i = 0;
        while (true)
        {
            while (i < pattern.Length && char.IsWhiteSpace(pattern[i]))
            {
                i++;
            }

            if (i >= pattern.Length)
            {
                tokens.Add(new StixToken(StixTokenKind.End, string.Empty, pattern.Length, pattern.Length));
                return tokens;
            }

            var token = Next(pattern, i);
            tokens.Add(token);
            i = token.End;
        }
    }

    private static StixToken Next(string pattern, int start)
    {
        var c = pattern[start];
        var next = start + 1 < pattern.Length ? pattern[start + 1] : '\0';
        switch (c)
        {
            case '[': return Symbol(StixTokenKind.LeftBracket, pattern, start, 1);
            case ']': return Symbol(StixTokenKind.RightBracket, pattern, start, 1);
            case '(': return Symbol(StixTokenKind.LeftParen, pattern, start, 1);
            case ')': return Symbol(StixTokenKind.RightParen, pattern, start, 1);
            case ',': return Symbol(StixTokenKind.Comma, pattern, start, 1);
            case ':': return Symbol(StixTokenKind.Colon, pattern, start, 1);
            case '.': return Symbol(StixTokenKind.Dot, pattern, start, 1);
            case '*': return Symbol(StixTokenKind.Asterisk, pattern, start, 1);
            case '=': return Symbol(StixTokenKind.Equal, pattern, start, next == '=' ? 2 : 1);
            case '!' when next == '=': return Symbol(StixTokenKind.NotEqual, pattern, start, 2);
            case '<' when next == '=': return Symbol(StixTokenKind.LessOrEqual, pattern, start, 2);
            case '<' when next == '>': return Symbol(StixTokenKind.NotEqual, pattern, start, 2);
            case '<': return Symbol(StixTokenKind.Less, pattern, start, 1);
            case '>' when next == '=': return Symbol(StixTokenKind.GreaterOrEqual, pattern, start, 2);
            case '>': return Symbol(StixTokenKind.Greater, pattern, start, 1);
            case '\'': return ReadString(pattern, start);
            default: break;
        }

        if (IsAsciiDigit(c) || ((c is '+' or '-') && IsAsciiDigit(next)))
        {
            return ReadNumber(pattern, start);
        }

        if (IsIdentifierStart(c))
        {
            return ReadWord(pattern, start);
        }

        throw new StixSyntaxException(start, $"unexpected character {Describe(c)}");
    }

    private static StixToken Symbol(StixTokenKind kind, string pattern, int start, int length) =>
        new(kind, pattern.Substring(start, length), start, start + length);

    private static StixToken ReadString(string pattern, int start)
    {
        var value = new StringBuilder();
        var i = start + 1;
        while (i < pattern.Length)
        {
            var c = pattern[i];
            if (c == '\'')
            {
                return new StixToken(StixTokenKind.String, value.ToString(), start, i + 1);
            }

            if (c == '\\')
            {
                if (i + 1 >= pattern.Length)
                {
                    break;
                }

                var escaped = pattern[i + 1];
                if (escaped is not ('\'' or '\\'))
                {
                    throw new StixSyntaxException(i, $"invalid escape \\{escaped} in string (only \\' and \\\\ are allowed)");
                }

                value.Append(escaped);
                i += 2;
                continue;
            }

            value.Append(c);
            i++;
        }

        throw new StixSyntaxException(start, "unterminated string");
    }

    private static StixToken ReadNumber(string pattern, int start)
    {
        var i = start + 1;
        while (i < pattern.Length && IsAsciiDigit(pattern[i]))
        {
            i++;
        }

        var kind = StixTokenKind.Integer;
        if (i + 1 < pattern.Length && pattern[i] == '.' && IsAsciiDigit(pattern[i + 1]))
        {
            kind = StixTokenKind.Float;
            i += 2;
            while (i < pattern.Length && IsAsciiDigit(pattern[i]))
            {
                i++;
            }
        }

        return new StixToken(kind, pattern[start..i], start, i);
    }

    private static StixToken ReadWord(string pattern, int start)
    {
        var i = start + 1;
        while (i < pattern.Length && IsIdentifierPart(pattern[i]))
        {
            i++;
        }

        // A one-letter prefix glued to a quote is a typed literal: t'2024-01-01T00:00:00Z', h'ff00', b'AAE='.
        if (i == start + 1 && i < pattern.Length && pattern[i] == '\'')
        {
            var kind = char.ToLowerInvariant(pattern[start]) switch
            {
                't' => StixTokenKind.Timestamp,
                'h' => StixTokenKind.Hex,
                'b' => StixTokenKind.Binary,
                _ => (StixTokenKind?)null,
            };
            if (kind is { } literalKind)
            {
                var close = pattern.IndexOf('\'', i + 1);
                if (close < 0)
                {
                    throw new StixSyntaxException(start, "unterminated string");
                }

                return new StixToken(literalKind, pattern[(i + 1)..close], start, close + 1);
            }
        }

        return new StixToken(StixTokenKind.Identifier, pattern[start..i], start, i);
    }

    private static bool IsAsciiDigit(char c) => c is >= '0' and <= '9';

    private static bool IsIdentifierStart(char c) => c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or '_';

    // Hyphens are allowed inside every word (the grammar allows them only in object types) so that
    // unquoted hash names such as file:hashes.sha-256 still read as one property.
    private static bool IsIdentifierPart(char c) => IsIdentifierStart(c) || IsAsciiDigit(c) || c == '-';

    internal static string Describe(char c) =>
        char.IsControl(c) || char.IsSurrogate(c) || char.IsWhiteSpace(c)
            ? string.Create(CultureInfo.InvariantCulture, $"U+{(int)c:X4}")
            : $"'{c}'";
}
