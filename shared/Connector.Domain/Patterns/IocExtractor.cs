using Connector.Contracts;

namespace Connector.Domain.Patterns;

/// <summary>
/// Reduces a parsed pattern to single IOCs. Falcon matches one value at a time, so only an OR of equality tests
/// can be expressed: each supported <c>path = 'value'</c> term becomes an IOC, whether the ORs join comparisons
/// inside one observation or observations. The rules, in order:
/// <list type="number">
/// <item>Any qualifier, AND (between comparisons or observations) or FOLLOWEDBY anywhere makes the whole pattern
/// unsupported: enforcing one of its terms alone would flag far more than the pattern means.</item>
/// <item>An OR term that is not a supported equality (other object path, operator, NOT, EXISTS, non-string value)
/// is skipped with its reason, and the other terms are kept: an OR matches when any term matches, so each term
/// that Falcon can hold is a sound IOC on its own. Callers see the skipped terms and can count or log them.</item>
/// <item>When no term is left, the pattern is unsupported, with the term's reason (or all reasons).</item>
/// </list>
/// </summary>
internal static class IocExtractor
{
    public static PatternParseResult Extract(ObservationNode root, string pattern)
    {
        var terms = new List<ComparisonNode>();
        if (CollectTerms(root, terms) is { } structural)
        {
            return PatternParseResult.NotSupported(structural);
        }

        var iocs = new List<PatternIoc>();
        var seen = new HashSet<PatternIoc>();
        var skipped = new List<SkippedTerm>();
        foreach (var term in terms)
        {
            if (Classify(term) is { } ioc)
            {
                if (seen.Add(ioc))
                {
                    iocs.Add(ioc);
                }
            }
            else
            {
                skipped.Add(new SkippedTerm(pattern[term.Start..term.End], "not supported: " + WhyNot(term)));
            }
        }

        if (iocs.Count > 0)
        {
            return PatternParseResult.Success(iocs, skipped);
        }

        var reasons = skipped.Select(s => s.Reason["not supported: ".Length..]).Distinct(StringComparer.Ordinal).ToList();
        return reasons.Count == 1
            ? PatternParseResult.NotSupported(reasons[0])
            : PatternParseResult.NotSupported(
                $"none of the {skipped.Count} comparisons yields a supported IOC ({string.Join("; ", reasons)})");
    }

    /// <summary>Flattens the ORs into <paramref name="terms"/>; returns the reason when the structure is unsupported.</summary>
    private static string? CollectTerms(ObservationNode node, List<ComparisonNode> terms)
    {
        switch (node)
        {
            case QualifiedObservation qualified:
                return $"qualifier {qualified.Qualifiers[0]}";
            case CombinedObservation { Operator: ObservationOperator.And }:
                return "AND combines observations and cannot be reduced to single IOCs";
            case CombinedObservation { Operator: ObservationOperator.FollowedBy }:
                return "FOLLOWEDBY combines observations and cannot be reduced to single IOCs";
            case CombinedObservation combined:
                foreach (var operand in combined.Operands)
                {
                    if (CollectTerms(operand, terms) is { } reason)
                    {
                        return reason;
                    }
                }

                return null;
            case BracketObservation bracket:
                return CollectTerms(bracket.Comparison, terms);
            default:
                return $"observation {node.GetType().Name}";
        }
    }

    private static string? CollectTerms(ComparisonNode node, List<ComparisonNode> terms)
    {
        switch (node)
        {
            case CombinedComparison { Operator: BooleanOperator.And }:
                return "AND combines comparisons and cannot be reduced to single IOCs";
            case CombinedComparison combined:
                foreach (var operand in combined.Operands)
                {
                    if (CollectTerms(operand, terms) is { } reason)
                    {
                        return reason;
                    }
                }

                return null;
            default:
                terms.Add(node);
                return null;
        }
    }

    private static PatternIoc? Classify(ComparisonNode term) =>
        term is PropertyComparison { Negated: false, Operator: ComparisonOperator.Equal, Value.Kind: LiteralKind.String } comparison
        && ObjectPathMapper.Map(comparison.Path) is { } type
            ? new PatternIoc(type, comparison.Value.Value)
            : null;

    private static string WhyNot(ComparisonNode term)
    {
        switch (term)
        {
            case ExistsComparison:
                return "operator EXISTS";
            case PropertyComparison comparison:
                if (ObjectPathMapper.Map(comparison.Path) is null)
                {
                    return $"object path '{comparison.Path.Text}'";
                }

                if (comparison.Negated)
                {
                    return $"NOT {OperatorName(comparison.Operator)}";
                }

                if (comparison.Operator != ComparisonOperator.Equal)
                {
                    return $"operator {OperatorName(comparison.Operator)}";
                }

                return $"{LiteralName(comparison.Value.Kind)} value";
            default:
                return $"comparison {term.GetType().Name}";
        }
    }

    private static string OperatorName(ComparisonOperator op) => op switch
    {
        ComparisonOperator.Equal => "=",
        ComparisonOperator.NotEqual => "!=",
        ComparisonOperator.Less => "<",
        ComparisonOperator.LessOrEqual => "<=",
        ComparisonOperator.Greater => ">",
        ComparisonOperator.GreaterOrEqual => ">=",
        ComparisonOperator.In => "IN",
        ComparisonOperator.Like => "LIKE",
        ComparisonOperator.Matches => "MATCHES",
        ComparisonOperator.IsSubset => "ISSUBSET",
        ComparisonOperator.IsSuperset => "ISSUPERSET",
        _ => op.ToString(),
    };

    private static string LiteralName(LiteralKind kind) => kind switch
    {
        LiteralKind.Integer => "integer",
        LiteralKind.Float => "float",
        LiteralKind.Boolean => "boolean",
        LiteralKind.Timestamp => "timestamp",
        LiteralKind.Hex => "hex",
        LiteralKind.Binary => "binary",
        LiteralKind.List => "list",
        _ => "string",
    };
}
