namespace FalconSim.Validation;

/// <summary>
/// One item of a create or update body as sent. Absent and <c>null</c> are the same (null here): on update both
/// leave the field unchanged, on create both mean "not given".
/// </summary>
internal sealed record IndicatorInput
{
    public string? Id { get; init; }

    public string? Type { get; init; }

    public string? Value { get; init; }

    public string? Action { get; init; }

    public string? MobileAction { get; init; }

    public string? Severity { get; init; }

    public IReadOnlyList<string>? Platforms { get; init; }

    public IReadOnlyList<string>? Tags { get; init; }

    public IReadOnlyList<string>? HostGroups { get; init; }

    public bool? AppliedGlobally { get; init; }

    public string? Source { get; init; }

    public string? Description { get; init; }

    /// <summary>The raw text, parsed (and refused if it is not RFC 3339) by the validator.</summary>
    public string? Expiration { get; init; }

    public string? MetadataFilename { get; init; }
}
