namespace Connector.Domain.Falcon;

/// <summary>Tags with a meaning to this connector.</summary>
public static class FalconTags
{
    /// <summary>Marks an IOC soft-deleted by the connector (the Python connector's tag, kept for compatibility).</summary>
    public const string ToDelete = "TO_DELETE";
}
