using System.Text.Json;
using System.Text.Json.Serialization;

namespace FalconSim.Http;

/// <summary>Falcon's response envelope (§2 of the spec).</summary>
internal sealed record EnvelopeWire(
    [property: JsonPropertyName("meta")] MetaWire Meta,
    [property: JsonPropertyName("resources")] IReadOnlyList<object>? Resources,
    [property: JsonPropertyName("errors")] IReadOnlyList<ApiError>? Errors);

internal sealed record MetaWire(
    [property: JsonPropertyName("query_time")] double QueryTime,
    [property: JsonPropertyName("pagination"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] PaginationWire? Pagination,
    [property: JsonPropertyName("powered_by")] string PoweredBy,
    [property: JsonPropertyName("trace_id")] string TraceId);

internal sealed record PaginationWire(
    [property: JsonPropertyName("offset")] int Offset,
    [property: JsonPropertyName("limit")] int Limit,
    [property: JsonPropertyName("total")] int Total,
    [property: JsonPropertyName("after"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? After);

/// <summary>The body of a successful <c>POST /oauth2/token</c>: not enveloped.</summary>
internal sealed record TokenWire(
    [property: JsonPropertyName("access_token")] string AccessToken,
    [property: JsonPropertyName("token_type")] string TokenType,
    [property: JsonPropertyName("expires_in")] int ExpiresIn);

internal sealed record MetadataWire([property: JsonPropertyName("filename")] string Filename);

/// <summary>Falcon's indicator object (§3 of the spec).</summary>
internal sealed record IndicatorWire(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("value")] string Value,
    [property: JsonPropertyName("action")] string Action,
    [property: JsonPropertyName("mobile_action")] string MobileAction,
    [property: JsonPropertyName("severity")] string Severity,
    [property: JsonPropertyName("platforms")] IReadOnlyList<string> Platforms,
    [property: JsonPropertyName("tags")] IReadOnlyList<string> Tags,
    [property: JsonPropertyName("host_groups")] IReadOnlyList<string> HostGroups,
    [property: JsonPropertyName("applied_globally")] bool AppliedGlobally,
    [property: JsonPropertyName("source")] string Source,
    [property: JsonPropertyName("description")] string Description,
    [property: JsonPropertyName("expiration"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Expiration,
    [property: JsonPropertyName("expired")] bool Expired,
    [property: JsonPropertyName("deleted")] bool Deleted,
    [property: JsonPropertyName("from_parent")] bool FromParent,
    [property: JsonPropertyName("metadata")] MetadataWire Metadata,
    [property: JsonPropertyName("created_by")] string CreatedBy,
    [property: JsonPropertyName("created_on")] string CreatedOn,
    [property: JsonPropertyName("modified_by")] string ModifiedBy,
    [property: JsonPropertyName("modified_on")] string ModifiedOn)
{
    /// <summary>The object as the API shows it; <paramref name="indicator"/> must already be as seen at answer time.</summary>
    public static IndicatorWire From(SimIndicator indicator) => new(
        indicator.Id,
        indicator.Type,
        indicator.Value,
        indicator.Action,
        indicator.MobileAction,
        indicator.Severity,
        indicator.Platforms,
        indicator.Tags,
        indicator.HostGroups,
        indicator.AppliedGlobally,
        indicator.Source,
        indicator.Description,
        indicator.Expiration is { } e ? FalconTime.FormatExpiration(e) : null,
        indicator.Expired,
        indicator.Deleted,
        indicator.FromParent,
        new MetadataWire(indicator.MetadataFilename),
        indicator.CreatedBy,
        FalconTime.Format(indicator.CreatedOn),
        indicator.ModifiedBy,
        FalconTime.Format(indicator.ModifiedOn));
}

/// <summary>The serializer settings of every simulator response.</summary>
internal static class WireJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };
}
