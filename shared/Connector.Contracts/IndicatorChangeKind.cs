namespace Connector.Contracts;

/// <summary>What an OpenCTI indicator now wants of one IOC.</summary>
public enum IndicatorChangeKind
{
    /// <summary>The indicator wants the IOC present with the given attributes.</summary>
    Upsert,

    /// <summary>The indicator no longer wants the IOC (deleted, revoked, left the filter, value removed, expired).</summary>
    Release,
}
