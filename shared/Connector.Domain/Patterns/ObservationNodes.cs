namespace Connector.Domain.Patterns;

/// <summary>How observation expressions are joined.</summary>
internal enum ObservationOperator
{
    Or,
    And,
    FollowedBy,
}

/// <summary>A node of the observation level of a STIX pattern (what lies outside the brackets).</summary>
internal abstract record ObservationNode(int Start);

/// <summary><c>[ comparison-expression ]</c>.</summary>
internal sealed record BracketObservation(ComparisonNode Comparison, int Start) : ObservationNode(Start);

/// <summary>
/// Two or more observations joined by one operator. Kept n-ary (not a binary tree) so that a pattern with
/// thousands of terms does not turn into thousands of nested frames when it is walked.
/// </summary>
internal sealed record CombinedObservation(ObservationOperator Operator, IReadOnlyList<ObservationNode> Operands, int Start)
    : ObservationNode(Start);

/// <summary>An observation followed by its qualifiers (<c>WITHIN</c>, <c>START/STOP</c>, <c>REPEATS</c>), in order.</summary>
internal sealed record QualifiedObservation(ObservationNode Observation, IReadOnlyList<string> Qualifiers, int Start)
    : ObservationNode(Start);
