namespace Connector.Contracts;

/// <summary>Which part of the system produced a change.</summary>
public enum ChangeOrigin
{
    /// <summary>An OpenCTI live stream frame, read by stream-ingest.</summary>
    Stream,

    /// <summary>A repair decided by the reconciler's OpenCTI ⇄ Falcon diff.</summary>
    Reconciler,
}
