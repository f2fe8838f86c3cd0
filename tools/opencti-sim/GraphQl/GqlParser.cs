using System.Globalization;
using System.Text.Json.Nodes;

namespace OpenCtiSim.GraphQl;

/// <summary>
/// A small reader of executable GraphQL documents: operations with variables, fields with aliases and arguments,
/// fragments (named and inline) and every literal kind. Directives are read and ignored.
/// </summary>
internal sealed class GqlParser
{
    private readonly List<GqlToken> _tokens;
    private int _at;

    private GqlParser(string source) => _tokens = GqlLexer.Tokenize(source);

    private GqlToken Current => _tokens[_at];

    public static GqlDocument Parse(string source)
    {
        var parser = new GqlParser(source);
        return parser.ReadDocument();
    }

    private GqlDocument ReadDocument()
    {
        var operations = new List<GqlOperation>();
        var fragments = new Dictionary<string, GqlFragment>(StringComparer.Ordinal);
        while (Current.Kind != GqlTokenKind.End)
        {
            if (IsPunctuator("{"))
            {
                operations.Add(new GqlOperation("query", null, [], ReadSelectionSet()));
            }
            else if (Current.Kind == GqlTokenKind.Name && Current.Text is "query" or "mutation" or "subscription")
            {
                operations.Add(ReadOperation());
            }
            else if (Current.Kind == GqlTokenKind.Name && Current.Text == "fragment")
            {
                var fragment = ReadFragment();
                fragments[fragment.Name] = fragment;
            }
            else
            {
                throw Unexpected();
            }
        }

        if (operations.Count == 0)
        {
            throw new GraphQlException("Syntax Error: the document has no operation.", "GRAPHQL_PARSE_FAILED");
        }

        return new GqlDocument(operations, fragments);
    }

    private GqlOperation ReadOperation()
    {
        var kind = Next().Text;
        string? name = Current.Kind == GqlTokenKind.Name ? Next().Text : null;
        var variables = new List<GqlVariableDefinition>();
        if (Accept("("))
        {
            while (!Accept(")"))
            {
                Expect("$");
                var variable = ExpectName();
                Expect(":");
                var type = ReadType();
                var defaultValue = Accept("=") ? ReadValue(constant: true) : null;
                SkipDirectives();
                variables.Add(new GqlVariableDefinition(variable, type, defaultValue));
            }
        }

        SkipDirectives();
        return new GqlOperation(kind, name, variables, ReadSelectionSet());
    }

    private GqlFragment ReadFragment()
    {
        Next();
        var name = ExpectName();
        if (ExpectName() != "on")
        {
            throw Unexpected();
        }

        var type = ExpectName();
        SkipDirectives();
        return new GqlFragment(name, type, ReadSelectionSet());
    }

    private string ReadType()
    {
        string type;
        if (Accept("["))
        {
            type = "[" + ReadType() + "]";
            Expect("]");
        }
        else
        {
            type = ExpectName();
        }

        return Accept("!") ? type + "!" : type;
    }

    private List<GqlSelection> ReadSelectionSet()
    {
        Expect("{");
        var selections = new List<GqlSelection>();
        while (!Accept("}"))
        {
            selections.Add(ReadSelection());
        }

        if (selections.Count == 0)
        {
            throw new GraphQlException("Syntax Error: Expected Name, found \"}\".", "GRAPHQL_PARSE_FAILED");
        }

        return selections;
    }

    private GqlSelection ReadSelection()
    {
        if (Accept("..."))
        {
            if (Current.Kind == GqlTokenKind.Name && Current.Text != "on")
            {
                var spread = ExpectName();
                SkipDirectives();
                return new GqlFragmentSpread(spread);
            }

            string? typeCondition = null;
            if (Current.Kind == GqlTokenKind.Name)
            {
                Next();
                typeCondition = ExpectName();
            }

            SkipDirectives();
            return new GqlInlineFragment(typeCondition, ReadSelectionSet());
        }

        var name = ExpectName();
        string? alias = null;
        if (Accept(":"))
        {
            alias = name;
            name = ExpectName();
        }

        var arguments = IsPunctuator("(") ? ReadArguments(constant: false) : [];
        SkipDirectives();
        var selectionSet = IsPunctuator("{") ? ReadSelectionSet() : [];
        return new GqlField(alias, name, arguments, selectionSet);
    }

    private List<GqlArgument> ReadArguments(bool constant)
    {
        Expect("(");
        var arguments = new List<GqlArgument>();
        while (!Accept(")"))
        {
            var name = ExpectName();
            Expect(":");
            arguments.Add(new GqlArgument(name, ReadValue(constant)));
        }

        return arguments;
    }

    private void SkipDirectives()
    {
        while (Accept("@"))
        {
            ExpectName();
            if (IsPunctuator("("))
            {
                ReadArguments(constant: false);
            }
        }
    }

    private GqlValue ReadValue(bool constant)
    {
        var token = Current;
        switch (token.Kind)
        {
            case GqlTokenKind.Punctuator when token.Text == "$" && !constant:
                Next();
                return new GqlVariable(ExpectName());
            case GqlTokenKind.Punctuator when token.Text == "[":
            {
                Next();
                var items = new List<GqlValue>();
                while (!Accept("]"))
                {
                    items.Add(ReadValue(constant));
                }

                return new GqlList(items);
            }

            case GqlTokenKind.Punctuator when token.Text == "{":
            {
                Next();
                var fields = new List<KeyValuePair<string, GqlValue>>();
                while (!Accept("}"))
                {
                    var name = ExpectName();
                    Expect(":");
                    fields.Add(new(name, ReadValue(constant)));
                }

                return new GqlObjectValue(fields);
            }

            case GqlTokenKind.Int:
                Next();
                return new GqlLiteral(JsonValue.Create(long.Parse(token.Text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture)));
            case GqlTokenKind.Float:
                Next();
                return new GqlLiteral(JsonValue.Create(double.Parse(token.Text, NumberStyles.Float, CultureInfo.InvariantCulture)));
            case GqlTokenKind.String:
                Next();
                return new GqlLiteral(JsonValue.Create(token.Text));
            case GqlTokenKind.Name:
                Next();
                return token.Text switch
                {
                    "true" => new GqlLiteral(JsonValue.Create(true)),
                    "false" => new GqlLiteral(JsonValue.Create(false)),
                    "null" => new GqlLiteral(null),
                    _ => new GqlLiteral(JsonValue.Create(token.Text)),
                };
            default:
                throw Unexpected();
        }
    }

    private GqlToken Next() => _tokens[_at++];

    private bool IsPunctuator(string text) => Current.Kind == GqlTokenKind.Punctuator && Current.Text == text;

    private bool Accept(string punctuator)
    {
        if (!IsPunctuator(punctuator))
        {
            return false;
        }

        _at++;
        return true;
    }

    private void Expect(string punctuator)
    {
        if (!Accept(punctuator))
        {
            throw Unexpected(punctuator);
        }
    }

    private string ExpectName() =>
        Current.Kind == GqlTokenKind.Name ? Next().Text : throw Unexpected("Name");

    private GraphQlException Unexpected(string? expected = null)
    {
        var found = Current.Kind == GqlTokenKind.End ? "<EOF>" : $"\"{Current.Text}\"";
        var message = expected is null
            ? $"Syntax Error: Unexpected {found} at {Current.Position}."
            : $"Syntax Error: Expected {expected}, found {found} at {Current.Position}.";
        return new GraphQlException(message, "GRAPHQL_PARSE_FAILED");
    }
}
