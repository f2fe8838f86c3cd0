using System.Text.Json.Serialization;

namespace Connector.Falcon.Json;

// The shapes Falcon sends and receives. Every property is nullable because Falcon omits or nulls fields freely;
// the client maps these to the public records and never hands them out.

/// <summary>The envelope of every Falcon response.</summary>
internal sealed record FalconEnvelope<T>
{
    public FalconMetaDto? Meta { get; init; }

    public List<T?>? Resources { get; init; }

    public List<FalconErrorDto?>? Errors { get; init; }
}

internal sealed record FalconMetaDto
{
    public double? QueryTime { get; init; }

    public FalconPaginationDto? Pagination { get; init; }

    public string? PoweredBy { get; init; }

    public string? TraceId { get; init; }
}

internal sealed record FalconPaginationDto
{
    public long? Offset { get; init; }

    public long? Limit { get; init; }

    public long? Total { get; init; }

    public string? After { get; init; }
}

internal sealed record FalconErrorDto
{
    public int? Code { get; init; }

    public string? Message { get; init; }

    /// <summary>Some endpoints name the indicator an error is about.</summary>
    public string? Id { get; init; }

    public string? Type { get; init; }

    public string? Value { get; init; }
}

internal sealed record FalconIocDto
{
    public string? Id { get; init; }

    public string? Type { get; init; }

    public string? Value { get; init; }

    public string? Action { get; init; }

    public string? MobileAction { get; init; }

    public string? Severity { get; init; }

    public List<string?>? Platforms { get; init; }

    public List<string?>? Tags { get; init; }

    public List<string?>? HostGroups { get; init; }

    public bool? AppliedGlobally { get; init; }

    public string? Source { get; init; }

    public string? Description { get; init; }

    [JsonConverter(typeof(FalconTimestampConverter))]
    public DateTimeOffset? Expiration { get; init; }

    public bool? Expired { get; init; }

    public bool? Deleted { get; init; }

    public bool? FromParent { get; init; }

    public string? CreatedBy { get; init; }

    [JsonConverter(typeof(FalconTimestampConverter))]
    public DateTimeOffset? CreatedOn { get; init; }

    public string? ModifiedBy { get; init; }

    [JsonConverter(typeof(FalconTimestampConverter))]
    public DateTimeOffset? ModifiedOn { get; init; }
}

internal sealed record FalconTokenDto
{
    public string? AccessToken { get; init; }

    public string? TokenType { get; init; }

    public double? ExpiresIn { get; init; }
}

internal sealed record CreateIndicatorsRequest
{
    public string? Comment { get; init; }

    public required List<IndicatorCreateDto> Indicators { get; init; }
}

internal sealed record IndicatorCreateDto
{
    public required string Type { get; init; }

    public required string Value { get; init; }

    public required string Action { get; init; }

    public string? MobileAction { get; init; }

    public string? Severity { get; init; }

    public required IReadOnlyList<string> Platforms { get; init; }

    public IReadOnlyList<string>? Tags { get; init; }

    public string? Description { get; init; }

    [JsonConverter(typeof(FalconTimestampConverter))]
    public DateTimeOffset? Expiration { get; init; }

    public string? Source { get; init; }

    public bool AppliedGlobally { get; init; } = true;
}

internal sealed record UpdateIndicatorsRequest
{
    public string? Comment { get; init; }

    public required List<IndicatorUpdateDto> Indicators { get; init; }
}

internal sealed record IndicatorUpdateDto
{
    public required string Id { get; init; }

    public string? Action { get; init; }

    public string? MobileAction { get; init; }

    public string? Severity { get; init; }

    public IReadOnlyList<string>? Platforms { get; init; }

    public IReadOnlyList<string>? Tags { get; init; }

    public string? Description { get; init; }

    [JsonConverter(typeof(FalconTimestampConverter))]
    public DateTimeOffset? Expiration { get; init; }

    public string? Source { get; init; }
}
