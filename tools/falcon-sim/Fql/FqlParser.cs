using System.Text;

namespace FalconSim.Fql;

/// <summary>
/// A recursive-descent parser for the FQL subset Falcon's IOC search accepts:
/// <c>or := and (',' and)*</c>, <c>and := primary ('+' primary)*</c>, <c>primary := '(' or ')' | term</c>,
/// <c>term := property ':' operator? (value | '[' value (',' value)* ']')</c>.
/// </summary>
/// <remarks>
/// Whitespace is allowed around tokens, but two terms must be joined by <c>+</c> or <c>,</c>: a <c>+</c> sent
/// unencoded in a query string arrives as a space and makes the filter invalid, as it would in Falcon.
/// </remarks>
internal sealed class FqlParser
{
    private readonly string text;
    private int position;

    private FqlParser(string text) => this.text = text;

    /// <summary>Parses <paramref name="text"/>; throws <see cref="FqlException"/> naming the position of the fault.</summary>
    public static FqlNode Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parser = new FqlParser(text);
        var node = parser.ParseOr();
        parser.SkipWhitespace();
        if (!parser.AtEnd)
        {
            throw parser.Error(parser.Peek == ')'
                ? "unbalanced ')'"
                : $"unexpected '{parser.Peek}'; terms must be joined with '+' (AND, sent as %2B) or ',' (OR)");
        }

        return node;
    }

    private bool AtEnd => position >= text.Length;

    private char Peek => text[position];

    private FqlNode ParseOr()
    {
        var items = new List<FqlNode> { ParseAnd() };
        while (TryConsume(','))
        {
            items.Add(ParseAnd());
        }

        return items.Count == 1 ? items[0] : new FqlOr(items);
    }

    private FqlNode ParseAnd()
    {
        var items = new List<FqlNode> { ParsePrimary() };
        while (TryConsume('+'))
        {
            items.Add(ParsePrimary());
        }

        return items.Count == 1 ? items[0] : new FqlAnd(items);
    }

    private FqlNode ParsePrimary()
    {
        SkipWhitespace();
        if (TryConsume('('))
        {
            var inner = ParseOr();
            if (!TryConsume(')'))
            {
                throw Error("missing ')'");
            }

            return inner;
        }

        return ParseTerm();
    }

    private FqlTerm ParseTerm()
    {
        SkipWhitespace();
        var start = position;
        while (!AtEnd && (char.IsAsciiLetterOrDigit(Peek) || Peek is '_' or '.'))
        {
            position++;
        }

        if (position == start)
        {
            throw Error(AtEnd ? "expected a property name, found the end of the filter" : $"expected a property name, found '{Peek}'");
        }

        var property = text[start..position];
        SkipWhitespace();
        if (!TryConsume(':'))
        {
            throw Error($"expected ':' after property '{property}'");
        }

        var op = ParseOperator();
        SkipWhitespace();
        if (TryConsume('['))
        {
            var values = new List<FqlValue> { ParseValue(inList: true) };
            while (TryConsume(','))
            {
                values.Add(ParseValue(inList: true));
            }

            if (!TryConsume(']'))
            {
                throw Error("missing ']' or ',' in list");
            }

            return new FqlTerm(property, op, values, IsList: true, start);
        }

        return new FqlTerm(property, op, [ParseValue(inList: false)], IsList: false, start);
    }

    private FqlOperator ParseOperator()
    {
        if (AtEnd)
        {
            return FqlOperator.Equal;
        }

        switch (Peek)
        {
            case '!':
                position++;
                return TryConsumeRaw('~') ? FqlOperator.NotContains : FqlOperator.NotEqual;
            case '>':
                position++;
                return TryConsumeRaw('=') ? FqlOperator.GreaterOrEqual : FqlOperator.Greater;
            case '<':
                position++;
                return TryConsumeRaw('=') ? FqlOperator.LessOrEqual : FqlOperator.Less;
            case '~':
                position++;
                return FqlOperator.Contains;
            case '*':
                position++;
                return FqlOperator.Wildcard;
            default:
                return FqlOperator.Equal;
        }
    }

    private FqlValue ParseValue(bool inList)
    {
        SkipWhitespace();
        if (AtEnd)
        {
            throw Error("expected a value, found the end of the filter");
        }

        if (Peek is '\'' or '"')
        {
            var quote = Peek;
            var start = position;
            position++;
            var builder = new StringBuilder();
            while (true)
            {
                if (AtEnd)
                {
                    position = start;
                    throw Error($"unterminated string starting with {quote}");
                }

                var c = text[position++];
                if (c == quote)
                {
                    break;
                }

                if (c == '\\')
                {
                    if (AtEnd || text[position] is not ('\\' or '\'' or '"'))
                    {
                        position--;
                        throw Error("invalid escape: only \\', \\\" and \\\\ are allowed");
                    }

                    c = text[position++];
                }

                builder.Append(c);
            }

            SkipWhitespace();
            return new FqlValue(builder.ToString(), Quoted: true);
        }

        var wordStart = position;
        while (!AtEnd && !IsWordEnd(Peek, inList))
        {
            position++;
        }

        if (position == wordStart)
        {
            throw Error($"expected a value, found '{Peek}'");
        }

        var word = text[wordStart..position];
        SkipWhitespace();
        return new FqlValue(word, Quoted: false);
    }

    private static bool IsWordEnd(char c, bool inList) =>
        char.IsWhiteSpace(c) || c is '+' or ',' or ')' or '(' or '\'' or '"' || (inList && c is ']' or '[');

    private bool TryConsume(char c)
    {
        SkipWhitespace();
        return TryConsumeRaw(c);
    }

    private bool TryConsumeRaw(char c)
    {
        if (!AtEnd && Peek == c)
        {
            position++;
            return true;
        }

        return false;
    }

    private void SkipWhitespace()
    {
        while (!AtEnd && char.IsWhiteSpace(Peek))
        {
            position++;
        }
    }

    private FqlException Error(string what) => new($"Invalid filter at position {position}: {what}.");
}
