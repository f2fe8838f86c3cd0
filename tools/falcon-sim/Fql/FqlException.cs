namespace FalconSim.Fql;

/// <summary>A filter that cannot be parsed or applied; the API answers 400 with <see cref="Exception.Message"/>.</summary>
public sealed class FqlException : Exception
{
    public FqlException()
    {
    }

    public FqlException(string message)
        : base(message)
    {
    }

    public FqlException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
