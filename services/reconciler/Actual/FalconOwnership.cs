using Connector.Domain.Falcon;
using Connector.Falcon;

namespace Connector.Reconciler.Actual;

/// <summary>
/// Which Falcon IOCs belong to this connector: those its API client created, and those carrying the Python
/// connector's <c>source</c>, so an install that replaces the Python connector takes its IOCs over.
/// </summary>
/// <param name="ClientId">This connector's Falcon API client id.</param>
/// <param name="Source">The policy's <c>source</c> (the Python connector's, <c>OpenCTI IOC</c>, by default).</param>
public sealed record FalconOwnership(string ClientId, string Source)
{
    /// <summary>The FQL of every live IOC owned: <c>(created_by:'id',source:'OpenCTI IOC')+deleted:false</c>.</summary>
    public FqlFilter LiveOwnedFilter()
    {
        var owner = Fql.Eq("created_by", ClientId) | Fql.Eq("source", Source);
        if (!string.Equals(Source, IocPolicy.DefaultSource, StringComparison.OrdinalIgnoreCase))
        {
            owner |= Fql.Eq("source", IocPolicy.DefaultSource);
        }

        return owner & Fql.Eq("deleted", false);
    }

    /// <summary>True when <paramref name="ioc"/> is ours by the same rule as <see cref="LiveOwnedFilter"/> (Falcon compares text ignoring case).</summary>
    public bool Owns(FalconIoc ioc)
    {
        ArgumentNullException.ThrowIfNull(ioc);
        return string.Equals(ioc.CreatedBy, ClientId, StringComparison.OrdinalIgnoreCase)
            || string.Equals(ioc.Source, Source, StringComparison.OrdinalIgnoreCase)
            || string.Equals(ioc.Source, IocPolicy.DefaultSource, StringComparison.OrdinalIgnoreCase);
    }
}
