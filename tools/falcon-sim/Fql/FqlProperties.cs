namespace FalconSim.Fql;

/// <summary>How a property's values compare.</summary>
internal enum FqlPropertyKind
{
    Text,
    TextList,
    Boolean,
    Time,
}

/// <summary>One filterable property of an indicator and how to read it.</summary>
internal sealed record FqlProperty(
    string Name,
    FqlPropertyKind Kind,
    Func<SimIndicator, string>? Text = null,
    Func<SimIndicator, IReadOnlyList<string>>? TextList = null,
    Func<SimIndicator, bool>? Boolean = null,
    Func<SimIndicator, DateTimeOffset?>? Time = null);

/// <summary>The indicator properties a filter may name.</summary>
internal static class FqlProperties
{
    private static readonly Dictionary<string, FqlProperty> ByName = new FqlProperty[]
    {
        new("id", FqlPropertyKind.Text, Text: i => i.Id),
        new("type", FqlPropertyKind.Text, Text: i => i.Type),
        new("value", FqlPropertyKind.Text, Text: i => i.Value),
        new("action", FqlPropertyKind.Text, Text: i => i.Action),
        new("mobile_action", FqlPropertyKind.Text, Text: i => i.MobileAction),
        new("severity", FqlPropertyKind.Text, Text: i => i.Severity),
        new("source", FqlPropertyKind.Text, Text: i => i.Source),
        new("description", FqlPropertyKind.Text, Text: i => i.Description),
        new("created_by", FqlPropertyKind.Text, Text: i => i.CreatedBy),
        new("modified_by", FqlPropertyKind.Text, Text: i => i.ModifiedBy),
        new("metadata.filename", FqlPropertyKind.Text, Text: i => i.MetadataFilename),
        new("platforms", FqlPropertyKind.TextList, TextList: i => i.Platforms),
        new("tags", FqlPropertyKind.TextList, TextList: i => i.Tags),
        new("host_groups", FqlPropertyKind.TextList, TextList: i => i.HostGroups),
        new("deleted", FqlPropertyKind.Boolean, Boolean: i => i.Deleted),
        new("expired", FqlPropertyKind.Boolean, Boolean: i => i.Expired),
        new("applied_globally", FqlPropertyKind.Boolean, Boolean: i => i.AppliedGlobally),
        new("from_parent", FqlPropertyKind.Boolean, Boolean: i => i.FromParent),
        new("created_on", FqlPropertyKind.Time, Time: i => i.CreatedOn),
        new("modified_on", FqlPropertyKind.Time, Time: i => i.ModifiedOn),
        new("expiration", FqlPropertyKind.Time, Time: i => i.Expiration),
    }.ToDictionary(p => p.Name, StringComparer.Ordinal);

    /// <summary>Every property name, for error messages and documentation.</summary>
    public static IEnumerable<string> Names => ByName.Keys;

    public static bool TryGet(string name, out FqlProperty property) => ByName.TryGetValue(name, out property!);
}
