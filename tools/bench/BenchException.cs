namespace Bench;

/// <summary>A failure the bench explains to the user in one message (no stack trace): a process died, a wait timed out, a tool is missing.</summary>
internal sealed class BenchException : Exception
{
    public BenchException()
    {
    }

    public BenchException(string message)
        : base(message)
    {
    }

    public BenchException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
