namespace Connector.Domain.Patterns;

/// <summary>How comparisons inside one observation are joined.</summary>
internal enum BooleanOperator
{
    Or,
    And,
}

/// <summary>The operators of a property test.</summary>
internal enum ComparisonOperator
{
    Equal,
    NotEqual,
    Less,
    LessOrEqual,
    Greater,
    GreaterOrEqual,
    In,
    Like,
    Matches,
    IsSubset,
    IsSuperset,
}

/// <summary>The kinds of literal a property test can compare with.</summary>
internal enum LiteralKind
{
    String,
    Integer,
    Float,
    Boolean,
    Timestamp,
    Hex,
    Binary,
    List,
}

/// <summary>A node of the comparison level of a STIX pattern (what lies inside the brackets).</summary>
/// <param name="Start">Offset of the node's first character in the pattern.</param>
/// <param name="End">Offset just past the node's last character.</param>
internal abstract record ComparisonNode(int Start, int End);

/// <summary>Two or more comparisons joined by one operator (n-ary for the same reason as <see cref="CombinedObservation"/>).</summary>
internal sealed record CombinedComparison(BooleanOperator Operator, IReadOnlyList<ComparisonNode> Operands, int Start, int End)
    : ComparisonNode(Start, End);

/// <summary><c>object-path [NOT] operator literal</c>.</summary>
internal sealed record PropertyComparison(
    ObjectPath Path, bool Negated, ComparisonOperator Operator, PatternLiteral Value, int Start, int End)
    : ComparisonNode(Start, End);

/// <summary><c>EXISTS object-path</c>.</summary>
internal sealed record ExistsComparison(ObjectPath Path, int Start, int End) : ComparisonNode(Start, End);

/// <summary>
/// An object path such as <c>file:hashes.'SHA-256'</c>: the object type and its property steps, quotes removed
/// (a list index step is kept as <c>[0]</c> or <c>[*]</c>). <paramref name="Text"/> is the path as written.
/// </summary>
internal sealed record ObjectPath(string ObjectType, IReadOnlyList<string> Steps, string Text);

/// <summary>A literal value; <paramref name="Items"/> holds the members of a list literal.</summary>
internal sealed record PatternLiteral(LiteralKind Kind, string Value, IReadOnlyList<PatternLiteral> Items);
