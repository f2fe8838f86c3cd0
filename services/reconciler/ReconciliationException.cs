namespace Connector.Reconciler;

/// <summary>A run cannot go on: a problem of configuration or data that a retry alone will not fix. Never holds secrets.</summary>
public sealed class ReconciliationException : Exception
{
    public ReconciliationException()
    {
    }

    public ReconciliationException(string message)
        : base(message)
    {
    }

    public ReconciliationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
