namespace FalconSim.Fql;

/// <summary>A parsed FQL expression.</summary>
internal abstract record FqlNode;

/// <summary>Items joined by <c>+</c>: all must match.</summary>
internal sealed record FqlAnd(IReadOnlyList<FqlNode> Items) : FqlNode;

/// <summary>Items joined by <c>,</c>: any may match.</summary>
internal sealed record FqlOr(IReadOnlyList<FqlNode> Items) : FqlNode;

/// <summary>One <c>property:[operator]value</c> term; <see cref="Values"/> has several entries for a list.</summary>
internal sealed record FqlTerm(string Property, FqlOperator Operator, IReadOnlyList<FqlValue> Values, bool IsList, int Position) : FqlNode;

/// <summary>A literal: its text after unescaping, and whether it was quoted.</summary>
internal sealed record FqlValue(string Text, bool Quoted);

/// <summary>The operator written after the colon of a term.</summary>
internal enum FqlOperator
{
    Equal,
    NotEqual,
    Greater,
    GreaterOrEqual,
    Less,
    LessOrEqual,
    Contains,
    NotContains,
    Wildcard,
}
