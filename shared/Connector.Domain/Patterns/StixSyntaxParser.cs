namespace Connector.Domain.Patterns;

/// <summary>
/// Recursive-descent parser for the STIX 2.1 patterning grammar (observation expressions with OR, AND,
/// FOLLOWEDBY and qualifiers; comparison expressions with OR, AND, parentheses, NOT and every operator).
/// Keywords match in any case. Precedence, loosest first: FOLLOWEDBY, OR, AND at the observation level;
/// OR, AND at the comparison level — as in the STIX grammar.
/// </summary>
internal sealed class StixSyntaxParser
{
    /// <summary>Deepest parenthesis nesting accepted: a hostile pattern must not exhaust the stack.</summary>
    public const int MaxNesting = 64;

    private readonly string _pattern;
    private readonly IReadOnlyList<StixToken> _tokens;
    private int _index;
    private int _depth;

    private StixSyntaxParser(string pattern, IReadOnlyList<StixToken> tokens)
    {
        _pattern = pattern;
        _tokens = tokens;
    }

    private StixToken Current => _tokens[_index];

    private StixToken Peek => _tokens[Math.Min(_index + 1, _tokens.Count - 1)];

    /// <summary>Parses a whole pattern; throws <see cref="StixSyntaxException"/> at the first error.</summary>
    public static ObservationNode Parse(string pattern)
    {
        var parser = new StixSyntaxParser(pattern, StixTokenizer.Tokenize(pattern));
        if (parser.Current.Kind == StixTokenKind.End)
        {
            throw new StixSyntaxException(0, "empty pattern");
        }

        var root = parser.ParseFollowedBy();
        if (parser.Current.Kind != StixTokenKind.End)
        {
            throw parser.Unexpected("after the end of the pattern");
        }

        return root;
    }

    private ObservationNode ParseFollowedBy() =>
        ParseObservationList(ObservationOperator.FollowedBy, "FOLLOWEDBY", ParseObservationOr);

    private ObservationNode ParseObservationOr() =>
        ParseObservationList(ObservationOperator.Or, "OR", ParseObservationAnd);

    private ObservationNode ParseObservationAnd() =>
        ParseObservationList(ObservationOperator.And, "AND", ParseObservation);

    private ObservationNode ParseObservationList(ObservationOperator op, string keyword, Func<ObservationNode> operand)
    {
        var start = Current.Start;
        var first = operand();
        if (!Current.IsKeyword(keyword))
        {
            return first;
        }

        var operands = new List<ObservationNode> { first };
        while (Current.IsKeyword(keyword))
        {
            _index++;
            operands.Add(operand());
        }

        return new CombinedObservation(op, operands, start);
    }

    private ObservationNode ParseObservation()
    {
        var start = Current.Start;
        ObservationNode node;
        if (Current.Kind == StixTokenKind.LeftBracket)
        {
            _index++;
            var comparison = ParseComparisonOr();
            Expect(StixTokenKind.RightBracket, "']' to close the observation");
            node = new BracketObservation(comparison, start);
        }
        else if (Current.Kind == StixTokenKind.LeftParen)
        {
            Enter();
            _index++;
            node = ParseFollowedBy();
            Expect(StixTokenKind.RightParen, "')'");
            _depth--;
        }
        else
        {
            throw Unexpected("where '[' or '(' was expected");
        }

        List<string>? qualifiers = null;
        while (ParseQualifier() is { } qualifier)
        {
            (qualifiers ??= []).Add(qualifier);
        }

        return qualifiers is null ? node : new QualifiedObservation(node, qualifiers, start);
    }

    private string? ParseQualifier()
    {
        if (Current.IsKeyword("WITHIN"))
        {
            _index++;
            if (Current.Kind is not (StixTokenKind.Integer or StixTokenKind.Float))
            {
                throw Unexpected("where a number of seconds was expected after WITHIN");
            }

            _index++;
            ExpectKeyword("SECONDS");
            return "WITHIN";
        }

        if (Current.IsKeyword("START"))
        {
            _index++;
            Expect(StixTokenKind.Timestamp, "a timestamp t'...' after START");
            ExpectKeyword("STOP");
            Expect(StixTokenKind.Timestamp, "a timestamp t'...' after STOP");
            return "START/STOP";
        }

        if (Current.IsKeyword("REPEATS"))
        {
            _index++;
            Expect(StixTokenKind.Integer, "a count after REPEATS");
            ExpectKeyword("TIMES");
            return "REPEATS";
        }

        return null;
    }

    private ComparisonNode ParseComparisonOr() =>
        ParseComparisonList(BooleanOperator.Or, "OR", ParseComparisonAnd);

    private ComparisonNode ParseComparisonAnd() =>
        ParseComparisonList(BooleanOperator.And, "AND", ParsePropertyTest);

    private ComparisonNode ParseComparisonList(BooleanOperator op, string keyword, Func<ComparisonNode> operand)
    {
        var first = operand();
        if (!Current.IsKeyword(keyword))
        {
            return first;
        }

        var operands = new List<ComparisonNode> { first };
        while (Current.IsKeyword(keyword))
        {
            _index++;
            operands.Add(operand());
        }

        return new CombinedComparison(op, operands, first.Start, operands[^1].End);
    }

    private ComparisonNode ParsePropertyTest()
    {
        var start = Current.Start;
        if (Current.Kind == StixTokenKind.LeftParen)
        {
            Enter();
            _index++;
            var inner = ParseComparisonOr();
            Expect(StixTokenKind.RightParen, "')'");
            _depth--;
            return inner;
        }

        // EXISTS is a keyword unless it is itself an object type (followed by ':').
        if (Current.IsKeyword("EXISTS") && Peek.Kind != StixTokenKind.Colon)
        {
            _index++;
            var existsPath = ParseObjectPath();
            return new ExistsComparison(existsPath, start, _tokens[_index - 1].End);
        }

        var path = ParseObjectPath();
        var negated = false;
        if (Current.IsKeyword("NOT"))
        {
            negated = true;
            _index++;
        }

        var op = ParseOperator();
        var value = op == ComparisonOperator.In ? ParseList() : ParseLiteral();
        return new PropertyComparison(path, negated, op, value, start, _tokens[_index - 1].End);
    }

    private ObjectPath ParseObjectPath()
    {
        var start = Current.Start;
        if (Current.Kind != StixTokenKind.Identifier)
        {
            throw Unexpected("where an object path was expected");
        }

        var objectType = Current.Value;
        _index++;
        Expect(StixTokenKind.Colon, $"':' after the object type '{objectType}'");

        var steps = new List<string> { ParsePropertyName() };
        while (true)
        {
            if (Current.Kind == StixTokenKind.Dot)
            {
                _index++;
                steps.Add(ParsePropertyName());
            }
            else if (Current.Kind == StixTokenKind.LeftBracket
                && Peek.Kind is StixTokenKind.Integer or StixTokenKind.Asterisk)
            {
                _index++;
                var index = Current.Value;
                _index++;
                Expect(StixTokenKind.RightBracket, "']' to close the list index");
                steps.Add($"[{index}]");
            }
            else
            {
                break;
            }
        }

        var end = _tokens[_index - 1].End;
        return new ObjectPath(objectType, steps, _pattern[start..end]);
    }

    private string ParsePropertyName()
    {
        if (Current.Kind is not (StixTokenKind.Identifier or StixTokenKind.String))
        {
            throw Unexpected("where a property name was expected");
        }

        var name = Current.Value;
        _index++;
        return name;
    }

    private ComparisonOperator ParseOperator()
    {
        ComparisonOperator? op = Current.Kind switch
        {
            StixTokenKind.Equal => ComparisonOperator.Equal,
            StixTokenKind.NotEqual => ComparisonOperator.NotEqual,
            StixTokenKind.Less => ComparisonOperator.Less,
            StixTokenKind.LessOrEqual => ComparisonOperator.LessOrEqual,
            StixTokenKind.Greater => ComparisonOperator.Greater,
            StixTokenKind.GreaterOrEqual => ComparisonOperator.GreaterOrEqual,
            StixTokenKind.Identifier => Current.Value.ToUpperInvariant() switch
            {
                "IN" => ComparisonOperator.In,
                "LIKE" => ComparisonOperator.Like,
                "MATCHES" => ComparisonOperator.Matches,
                "ISSUBSET" => ComparisonOperator.IsSubset,
                "ISSUPERSET" => ComparisonOperator.IsSuperset,
                _ => null,
            },
            _ => null,
        };

        if (op is not { } found)
        {
            throw Unexpected("where a comparison operator was expected");
        }

        _index++;
        return found;
    }

    private PatternLiteral ParseList()
    {
        Expect(StixTokenKind.LeftParen, "'(' to open the list after IN");
        var items = new List<PatternLiteral>();
        if (Current.Kind != StixTokenKind.RightParen)
        {
            items.Add(ParseLiteral());
            while (Current.Kind == StixTokenKind.Comma)
            {
                _index++;
                items.Add(ParseLiteral());
            }
        }

        Expect(StixTokenKind.RightParen, "',' or ')' in the list");
        return new PatternLiteral(LiteralKind.List, string.Empty, items);
    }

    private PatternLiteral ParseLiteral()
    {
        LiteralKind? kind = Current.Kind switch
        {
            StixTokenKind.String => LiteralKind.String,
            StixTokenKind.Integer => LiteralKind.Integer,
            StixTokenKind.Float => LiteralKind.Float,
            StixTokenKind.Timestamp => LiteralKind.Timestamp,
            StixTokenKind.Hex => LiteralKind.Hex,
            StixTokenKind.Binary => LiteralKind.Binary,
            StixTokenKind.Identifier when Current.IsKeyword("true") || Current.IsKeyword("false") => LiteralKind.Boolean,
            _ => null,
        };

        if (kind is not { } found)
        {
            throw Unexpected("where a literal value was expected");
        }

        var literal = new PatternLiteral(found, Current.Value, []);
        _index++;
        return literal;
    }

    private void Enter()
    {
        if (++_depth > MaxNesting)
        {
            throw new StixSyntaxException(Current.Start, $"parentheses nested deeper than {MaxNesting} levels");
        }
    }

    private void Expect(StixTokenKind kind, string what)
    {
        if (Current.Kind != kind)
        {
            throw Unexpected($"where {what} was expected");
        }

        _index++;
    }

    private void ExpectKeyword(string keyword)
    {
        if (!Current.IsKeyword(keyword))
        {
            throw Unexpected($"where {keyword} was expected");
        }

        _index++;
    }

    private StixSyntaxException Unexpected(string context)
    {
        var token = Current;
        var text = _pattern[token.Start..token.End];
        if (text.Length > 40)
        {
            text = string.Concat(text.AsSpan(0, 37), "...");
        }

        var found = token.Kind == StixTokenKind.End ? "end of pattern" : $"'{text}'";
        return new StixSyntaxException(token.Start, $"unexpected {found} {context}");
    }
}
