using Connector.Domain.Falcon;
using Connector.Falcon;

namespace Connector.IocSync.Writer;

/// <summary>
/// Decides whether an IOC found in Falcon is this connector's to manage: created by our API client, or carrying
/// the <c>source</c> the Python connector (and this one) writes, so a replaced or re-installed connector takes
/// over its own IOCs instead of duplicating or abandoning them. Anything else belongs to someone else.
/// </summary>
public sealed class IocOwnership(string ourClientId, IocPolicy policy, bool takeOverForeign)
{
    /// <summary>True when the connector may write this IOC.</summary>
    public bool MayManage(FalconIoc ioc) => IsOurs(ioc) || takeOverForeign;

    /// <summary>True when the IOC was created by this connector or its Python predecessor.</summary>
    public bool IsOurs(FalconIoc ioc)
    {
        ArgumentNullException.ThrowIfNull(ioc);
        return string.Equals(ioc.CreatedBy, ourClientId, StringComparison.OrdinalIgnoreCase)
            || string.Equals(ioc.Source, policy.Source, StringComparison.Ordinal)
            || string.Equals(ioc.Source, IocPolicy.DefaultSource, StringComparison.Ordinal);
    }

    /// <summary>Why an IOC is left alone, for the failure reason.</summary>
    public static string DescribeForeign(FalconIoc ioc)
    {
        ArgumentNullException.ThrowIfNull(ioc);
        return $"owned elsewhere: Falcon IOC {ioc.Id} was created by '{ioc.CreatedBy}' with source '{ioc.Source}'";
    }
}
