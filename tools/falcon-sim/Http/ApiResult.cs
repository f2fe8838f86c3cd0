namespace FalconSim.Http;

/// <summary>
/// An answer before it is written: status, envelope parts (or a raw body) and extra headers. Handlers return
/// it, so the dispatcher can add the common headers, count it, and replace it by an injected fault.
/// </summary>
internal sealed record ApiResult(int Status)
{
    /// <summary>The service named in <c>meta.powered_by</c>.</summary>
    public const string IocManager = "ioc-manager";

    /// <summary>The <c>meta.powered_by</c> of answers the API gateway gives itself (auth, limits, routing).</summary>
    public const string Gateway = "crowdstrike-api-gateway";

    public IReadOnlyList<object>? Resources { get; init; }

    public IReadOnlyList<ApiError>? Errors { get; init; }

    public PaginationWire? Pagination { get; init; }

    public string PoweredBy { get; init; } = IocManager;

    /// <summary>When set, written as the whole body instead of an envelope (the token answer).</summary>
    public object? RawBody { get; init; }

    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();

    public static ApiResult Ok(int status, IReadOnlyList<object> resources, PaginationWire? pagination = null) =>
        new(status) { Resources = resources, Errors = [], Pagination = pagination };

    public static ApiResult Error(int status, string message, string poweredBy = IocManager) =>
        new(status) { Errors = [new ApiError(status, message)], PoweredBy = poweredBy };

    public static ApiResult Errors400(IReadOnlyList<ApiError> errors) => new(400) { Errors = errors };
}
