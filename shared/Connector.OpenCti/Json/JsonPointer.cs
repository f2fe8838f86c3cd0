using System.Globalization;
using System.Text;

namespace Connector.OpenCti.Json;

/// <summary>A parsed JSON Pointer (RFC 6901): <c>""</c> is the whole document, <c>"/a/0/b~1c"</c> is a path of reference tokens.</summary>
internal sealed class JsonPointer
{
    private JsonPointer(string text, string[] tokens)
    {
        Text = text;
        Tokens = tokens;
    }

    /// <summary>The pointer as written.</summary>
    public string Text { get; }

    /// <summary>The unescaped reference tokens; empty for the whole document.</summary>
    public IReadOnlyList<string> Tokens { get; }

    /// <summary>True for <c>""</c>, the whole document.</summary>
    public bool IsRoot => Tokens.Count == 0;

    /// <summary>The last token (the member name or array index the pointer designates in its parent).</summary>
    public string LastToken => Tokens[^1];

    public static JsonPointer Parse(string text)
    {
        if (text.Length == 0)
        {
            return new JsonPointer(text, []);
        }

        if (text[0] != '/')
        {
            throw new JsonPatchException($"JSON pointer '{text}' must be empty or start with '/'.");
        }

        var raw = text[1..].Split('/');
        var tokens = new string[raw.Length];
        for (var i = 0; i < raw.Length; i++)
        {
            tokens[i] = Unescape(raw[i], text);
        }

        return new JsonPointer(text, tokens);
    }

    /// <summary>True when this pointer designates a strict descendant of <paramref name="other"/> (a value cannot move into itself).</summary>
    public bool IsInside(JsonPointer other)
    {
        if (Tokens.Count <= other.Tokens.Count)
        {
            return false;
        }

        for (var i = 0; i < other.Tokens.Count; i++)
        {
            if (!string.Equals(Tokens[i], other.Tokens[i], StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// Reads an array index token: decimal digits without leading zeros (RFC 6901 §4), or <c>-</c> (past the end)
    /// when <paramref name="allowEnd"/> is set, returned as <paramref name="count"/>.
    /// </summary>
    public static int ArrayIndex(string token, int count, bool allowEnd, string pointer)
    {
        if (allowEnd && string.Equals(token, "-", StringComparison.Ordinal))
        {
            return count;
        }

        if (token.Length == 0
            || (token.Length > 1 && token[0] == '0')
            || !int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out var index))
        {
            throw new JsonPatchException($"'{token}' in '{pointer}' is not an array index.");
        }

        return index;
    }

    private static string Unescape(string token, string pointer)
    {
        if (!token.Contains('~', StringComparison.Ordinal))
        {
            return token;
        }

        // One left-to-right pass, so "~01" decodes to "~1" and never to "/" (RFC 6901 §4).
        var builder = new StringBuilder(token.Length);
        for (var i = 0; i < token.Length; i++)
        {
            var c = token[i];
            if (c != '~')
            {
                builder.Append(c);
                continue;
            }

            var next = i + 1 < token.Length ? token[i + 1] : '\0';
            builder.Append(next switch
            {
                '0' => '~',
                '1' => '/',
                _ => throw new JsonPatchException($"JSON pointer '{pointer}' has an invalid escape: '~' must be followed by 0 or 1."),
            });
            i++;
        }

        return builder.ToString();
    }
}
