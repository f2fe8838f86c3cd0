namespace Connector.Falcon;

/// <summary>Paging and order of a Falcon search.</summary>
public sealed record FalconSearchOptions
{
    /// <summary>Default page size: Falcon's documented safe <c>limit</c>.</summary>
    public const int DefaultPageSize = 500;

    /// <summary>Results per request (<c>limit</c>), 1 to 2000.</summary>
    public int PageSize { get; init; } = DefaultPageSize;

    /// <summary>Falcon's <c>sort</c>, e.g. <c>modified_on.asc</c>; null for Falcon's default order.</summary>
    public string? Sort { get; init; }

    /// <summary>The defaults.</summary>
    public static FalconSearchOptions Default { get; } = new();
}
