using System.Globalization;

namespace FalconSim.Fql;

/// <summary>
/// A compiled FQL filter: a predicate over indicators as seen at query time, plus what the store needs to plan
/// the query (whether <c>deleted</c> is mentioned, and exact <c>value</c>/<c>id</c> lookups that every match
/// must satisfy, so the store can use its indexes instead of a scan).
/// </summary>
public sealed class FqlFilter
{
    private readonly Func<SimIndicator, bool> predicate;
    private readonly HashSet<string> mentioned;

    private FqlFilter(Func<SimIndicator, bool> predicate, HashSet<string> mentioned, IReadOnlyList<string>? values, IReadOnlyList<string>? ids)
    {
        this.predicate = predicate;
        this.mentioned = mentioned;
        RequiredValues = values;
        RequiredIds = ids;
    }

    /// <summary>When not null, every match has one of these values (case-insensitive).</summary>
    public IReadOnlyList<string>? RequiredValues { get; }

    /// <summary>When not null, every match has one of these ids.</summary>
    public IReadOnlyList<string>? RequiredIds { get; }

    /// <summary>Parses and checks <paramref name="text"/>.</summary>
    /// <exception cref="FqlException">Malformed filter, unknown property, bad value, or more than <paramref name="maxProperties"/> terms.</exception>
    public static FqlFilter Compile(string text, int maxProperties)
    {
        var root = FqlParser.Parse(text);
        var terms = new List<FqlTerm>();
        CollectTerms(root, terms);
        if (terms.Count > maxProperties)
        {
            throw new FqlException($"Invalid filter: {terms.Count} properties, at most {maxProperties} are allowed.");
        }

        var mentioned = terms.Select(t => t.Property).ToHashSet(StringComparer.Ordinal);
        return new FqlFilter(Build(root), mentioned, RequiredLookup(root, "value"), RequiredLookup(root, "id"));
    }

    /// <summary>Whether the filter names <paramref name="property"/> anywhere.</summary>
    public bool Mentions(string property) => mentioned.Contains(property);

    /// <summary>Whether <paramref name="indicator"/> (already as seen at query time) matches.</summary>
    public bool Matches(SimIndicator indicator) => predicate(indicator);

    private static void CollectTerms(FqlNode node, List<FqlTerm> terms)
    {
        switch (node)
        {
            case FqlTerm term:
                terms.Add(term);
                break;
            case FqlAnd and:
                and.Items.ToList().ForEach(i => CollectTerms(i, terms));
                break;
            case FqlOr or:
                or.Items.ToList().ForEach(i => CollectTerms(i, terms));
                break;
        }
    }

    // A plain equality term on the root, or on one item of a root AND, must hold for every match.
    private static List<string>? RequiredLookup(FqlNode root, string property)
    {
        IEnumerable<FqlNode> conjuncts = root is FqlAnd and ? and.Items : [root];
        return conjuncts.OfType<FqlTerm>()
            .Where(t => t.Property == property && t.Operator == FqlOperator.Equal)
            .Select(t => t.Values.Select(v => v.Text).ToList())
            .MinBy(v => v.Count);
    }

    private static Func<SimIndicator, bool> Build(FqlNode node)
    {
        switch (node)
        {
            case FqlAnd and:
                {
                    var items = and.Items.Select(Build).ToArray();
                    return i => Array.TrueForAll(items, p => p(i));
                }

            case FqlOr or:
                {
                    var items = or.Items.Select(Build).ToArray();
                    return i => Array.Exists(items, p => p(i));
                }

            case FqlTerm term:
                return BuildTerm(term);
            default:
                throw new FqlException("Invalid filter.");
        }
    }

    private static Func<SimIndicator, bool> BuildTerm(FqlTerm term)
    {
        if (!FqlProperties.TryGet(term.Property, out var property))
        {
            throw new FqlException($"Invalid filter: unknown property '{term.Property}'. Known properties: {string.Join(", ", FqlProperties.Names)}.");
        }

        var op = term.Operator;
        if (term.IsList && op is FqlOperator.Greater or FqlOperator.GreaterOrEqual or FqlOperator.Less or FqlOperator.LessOrEqual)
        {
            throw new FqlException($"Invalid filter: a list cannot be compared with '{Symbol(op)}' (property '{term.Property}').");
        }

        return property.Kind switch
        {
            FqlPropertyKind.Text => TextTerm(term, property.Text!),
            FqlPropertyKind.TextList => TextListTerm(term, property.TextList!),
            FqlPropertyKind.Boolean => BooleanTerm(term, property.Boolean!),
            _ => TimeTerm(term, property.Time!),
        };
    }

    private static Func<SimIndicator, bool> TextTerm(FqlTerm term, Func<SimIndicator, string> read)
    {
        var match = TextMatcher(term);
        return IsNegative(term.Operator)
            ? i => !match(read(i))
            : i => match(read(i));
    }

    private static Func<SimIndicator, bool> TextListTerm(FqlTerm term, Func<SimIndicator, IReadOnlyList<string>> read)
    {
        var match = TextMatcher(term);
        return IsNegative(term.Operator)
            ? i => !read(i).Any(match)
            : i => read(i).Any(match);
    }

    // The positive form of the term's test on one string: negative operators are applied by the caller.
    private static Func<string, bool> TextMatcher(FqlTerm term)
    {
        var values = term.Values.Select(v => v.Text).ToArray();
        switch (term.Operator)
        {
            case FqlOperator.Equal or FqlOperator.NotEqual:
                {
                    var set = values.ToHashSet(StringComparer.OrdinalIgnoreCase);
                    return set.Contains;
                }

            case FqlOperator.Contains or FqlOperator.NotContains:
                return s => Array.Exists(values, v => s.Contains(v, StringComparison.OrdinalIgnoreCase));
            case FqlOperator.Wildcard:
                return s => Array.Exists(values, v => Glob.IsMatch(s, v));
            default:
                {
                    var bound = values[0];
                    var op = term.Operator;
                    return s => Compare(op, string.Compare(s, bound, StringComparison.OrdinalIgnoreCase));
                }
        }
    }

    private static Func<SimIndicator, bool> BooleanTerm(FqlTerm term, Func<SimIndicator, bool> read)
    {
        if (term.Operator is not (FqlOperator.Equal or FqlOperator.NotEqual))
        {
            throw new FqlException($"Invalid filter: operator '{Symbol(term.Operator)}' cannot be used with boolean property '{term.Property}'.");
        }

        var wanted = term.Values.Select(v => bool.TryParse(v.Text, out var b)
            ? b
            : throw new FqlException($"Invalid filter: '{v.Text}' is not a boolean value for property '{term.Property}'.")).ToHashSet();
        return term.Operator == FqlOperator.Equal
            ? i => wanted.Contains(read(i))
            : i => !wanted.Contains(read(i));
    }

    private static Func<SimIndicator, bool> TimeTerm(FqlTerm term, Func<SimIndicator, DateTimeOffset?> read)
    {
        if (term.Operator is FqlOperator.Contains or FqlOperator.NotContains or FqlOperator.Wildcard)
        {
            throw new FqlException($"Invalid filter: operator '{Symbol(term.Operator)}' cannot be used with time property '{term.Property}'.");
        }

        var times = term.Values.Select(v => ParseTime(term.Property, v.Text)).ToHashSet();
        var op = term.Operator;
        switch (op)
        {
            case FqlOperator.Equal:
                return i => read(i) is { } t && times.Contains(t);
            case FqlOperator.NotEqual:
                return i => read(i) is not { } t || !times.Contains(t);
            default:
                {
                    var bound = times.Single();
                    return i => read(i) is { } t && Compare(op, t.CompareTo(bound));
                }
        }
    }

    private static DateTimeOffset ParseTime(string property, string text)
    {
        if (FalconTime.TryParse(text, out var time))
        {
            return time;
        }

        if (DateTime.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var day))
        {
            return new DateTimeOffset(day, TimeSpan.Zero);
        }

        throw new FqlException($"Invalid filter: '{text}' is not an RFC 3339 time for property '{property}'.");
    }

    private static bool IsNegative(FqlOperator op) => op is FqlOperator.NotEqual or FqlOperator.NotContains;

    private static bool Compare(FqlOperator op, int comparison) => op switch
    {
        FqlOperator.Greater => comparison > 0,
        FqlOperator.GreaterOrEqual => comparison >= 0,
        FqlOperator.Less => comparison < 0,
        _ => comparison <= 0,
    };

    private static string Symbol(FqlOperator op) => op switch
    {
        FqlOperator.Equal => ":",
        FqlOperator.NotEqual => "!",
        FqlOperator.Greater => ">",
        FqlOperator.GreaterOrEqual => ">=",
        FqlOperator.Less => "<",
        FqlOperator.LessOrEqual => "<=",
        FqlOperator.Contains => "~",
        FqlOperator.NotContains => "!~",
        _ => "*",
    };
}
