using Connector.Domain.Indicators;

namespace Connector.StreamIngest.Ingest;

/// <summary>The <c>IndicatorChanged.Reason</c> of each release the stream produces (free text for logs, kept stable for dashboards).</summary>
public static class ReleaseReasons
{
    /// <summary>The indicator was deleted in OpenCTI.</summary>
    public const string Deleted = "deleted";

    /// <summary>An update took the indicator out of the live stream's filter (it arrives as a delete).</summary>
    public const string LeftFilter = "left-filter";

    /// <summary>The indicator is revoked.</summary>
    public const string Revoked = IndicatorReading.RevokedReason;

    /// <summary>The indicator's <c>valid_until</c> has passed.</summary>
    public const string Expired = IndicatorReading.ExpiredReason;

    /// <summary>An update removed the value from the pattern (or changed the pattern).</summary>
    public const string ValueRemoved = "value-removed";

    /// <summary>The indicator was merged into another one and no longer exists.</summary>
    public const string Merged = "merged";
}
