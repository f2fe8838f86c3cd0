namespace Connector.Falcon.Json;

/// <summary>Turns wire objects into the public <see cref="FalconIoc"/>, dropping nulls from lists.</summary>
internal static class FalconIocMapping
{
    /// <summary>The IOC, or null when the object lacks an id, type or value (nothing a caller could use).</summary>
    public static FalconIoc? ToModel(this FalconIocDto? dto) =>
        dto is { Id: { Length: > 0 } id, Type: { Length: > 0 } type, Value: { } value }
            ? new FalconIoc
            {
                Id = id,
                Type = type,
                Value = value,
                Action = dto.Action,
                MobileAction = dto.MobileAction,
                Severity = dto.Severity,
                Platforms = NonNull(dto.Platforms),
                Tags = NonNull(dto.Tags),
                HostGroups = NonNull(dto.HostGroups),
                AppliedGlobally = dto.AppliedGlobally ?? false,
                Source = dto.Source,
                Description = dto.Description,
                Expiration = dto.Expiration,
                Expired = dto.Expired ?? false,
                Deleted = dto.Deleted ?? false,
                FromParent = dto.FromParent ?? false,
                CreatedBy = dto.CreatedBy,
                CreatedOn = dto.CreatedOn,
                ModifiedBy = dto.ModifiedBy,
                ModifiedOn = dto.ModifiedOn,
            }
            : null;

    public static List<FalconIoc> ToModels(IEnumerable<FalconIocDto?>? dtos) =>
        [.. (dtos ?? []).Select(ToModel).OfType<FalconIoc>()];

    public static IndicatorCreateDto ToWire(this FalconIocWrite write) => new()
    {
        Type = Contracts.IocTypeExtensions.ToFalconType(write.Type),
        Value = write.Value,
        Action = write.Action,
        MobileAction = write.MobileAction,
        Severity = write.Severity,
        Platforms = write.Platforms,
        Tags = write.Tags,
        Description = write.Description,
        Expiration = write.Expiration,
        Source = write.Source,
        AppliedGlobally = true,
    };

    public static IndicatorUpdateDto ToWire(this FalconIocUpdate update) => new()
    {
        Id = update.Id,
        Action = update.Action,
        MobileAction = update.MobileAction,
        Severity = update.Severity,
        Platforms = update.Platforms,
        Tags = update.Tags,
        Description = update.Description,
        Expiration = update.Expiration,
        Source = update.Source,
    };

    private static string[] NonNull(List<string?>? values) => [.. (values ?? []).OfType<string>()];
}
