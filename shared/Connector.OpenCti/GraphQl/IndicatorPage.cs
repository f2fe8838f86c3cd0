namespace Connector.OpenCti.GraphQl;

/// <summary>One page of the <c>indicators</c> listing.</summary>
/// <param name="Items">The indicators of the page (nodes without a <c>standard_id</c> are left out).</param>
/// <param name="EndCursor">The cursor to pass as <c>after</c> for the next page.</param>
/// <param name="HasNextPage">Whether another page follows.</param>
/// <param name="GlobalCount">How many indicators match in all, when the platform says.</param>
public sealed record IndicatorPage(IReadOnlyList<IndicatorSnapshot> Items, string? EndCursor, bool HasNextPage, long? GlobalCount);
