using System.Globalization;
using System.Text;

namespace OpenCtiSim.GraphQl;

internal enum GqlTokenKind
{
    Punctuator,
    Name,
    Int,
    Float,
    String,
    End,
}

internal readonly record struct GqlToken(GqlTokenKind Kind, string Text, int Position);

/// <summary>Splits a GraphQL document into tokens (commas, white space and comments are ignored, as the spec says).</summary>
internal static class GqlLexer
{
    public static List<GqlToken> Tokenize(string source)
    {
        var tokens = new List<GqlToken>();
        var i = 0;
        while (i < source.Length)
        {
            var c = source[i];
            if (char.IsWhiteSpace(c) || c == ',' || c == '\uFEFF')
            {
                i++;
                continue;
            }

            if (c == '#')
            {
                while (i < source.Length && source[i] is not ('\n' or '\r'))
                {
                    i++;
                }

                continue;
            }

            var start = i;
            if (c == '.' && i + 2 < source.Length && source[i + 1] == '.' && source[i + 2] == '.')
            {
                tokens.Add(new GqlToken(GqlTokenKind.Punctuator, "...", start));
                i += 3;
            }
            else if ("!$&():=@[]{}|".Contains(c, StringComparison.Ordinal))
            {
                tokens.Add(new GqlToken(GqlTokenKind.Punctuator, c.ToString(), start));
                i++;
            }
            else if (char.IsAsciiLetter(c) || c == '_')
            {
                while (i < source.Length && (char.IsAsciiLetterOrDigit(source[i]) || source[i] == '_'))
                {
                    i++;
                }

                tokens.Add(new GqlToken(GqlTokenKind.Name, source[start..i], start));
            }
            else if (c == '-' || char.IsAsciiDigit(c))
            {
                i++;
                var isFloat = false;
                while (i < source.Length && (char.IsAsciiDigit(source[i]) || source[i] is '.' or 'e' or 'E' or '+' or '-'))
                {
                    isFloat |= source[i] is '.' or 'e' or 'E';
                    i++;
                }

                tokens.Add(new GqlToken(isFloat ? GqlTokenKind.Float : GqlTokenKind.Int, source[start..i], start));
            }
            else if (c == '"')
            {
                tokens.Add(new GqlToken(GqlTokenKind.String, ReadString(source, ref i), start));
            }
            else
            {
                throw new GraphQlException(
                    string.Create(CultureInfo.InvariantCulture, $"Syntax Error: Unexpected character \"{c}\" at {start}."),
                    "GRAPHQL_PARSE_FAILED");
            }
        }

        tokens.Add(new GqlToken(GqlTokenKind.End, string.Empty, source.Length));
        return tokens;
    }

    private static string ReadString(string source, ref int i)
    {
        if (i + 2 < source.Length && source[i + 1] == '"' && source[i + 2] == '"')
        {
            var end = source.IndexOf("\"\"\"", i + 3, StringComparison.Ordinal);
            if (end < 0)
            {
                throw new GraphQlException("Syntax Error: Unterminated string.", "GRAPHQL_PARSE_FAILED");
            }

            var block = source[(i + 3)..end];
            i = end + 3;
            return block.Replace("\\\"\"\"", "\"\"\"", StringComparison.Ordinal).Trim();
        }

        var text = new StringBuilder();
        i++;
        while (i < source.Length && source[i] != '"')
        {
            if (source[i] == '\\' && i + 1 < source.Length)
            {
                i++;
                switch (source[i])
                {
                    case 'n': text.Append('\n'); break;
                    case 't': text.Append('\t'); break;
                    case 'r': text.Append('\r'); break;
                    case 'b': text.Append('\b'); break;
                    case 'f': text.Append('\f'); break;
                    case 'u' when i + 4 < source.Length:
                        text.Append((char)int.Parse(source.AsSpan(i + 1, 4), NumberStyles.HexNumber, CultureInfo.InvariantCulture));
                        i += 4;
                        break;
                    default: text.Append(source[i]); break;
                }
            }
            else
            {
                text.Append(source[i]);
            }

            i++;
        }

        if (i >= source.Length)
        {
            throw new GraphQlException("Syntax Error: Unterminated string.", "GRAPHQL_PARSE_FAILED");
        }

        i++;
        return text.ToString();
    }
}
