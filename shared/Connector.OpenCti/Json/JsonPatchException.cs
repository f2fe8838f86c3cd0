namespace Connector.OpenCti.Json;

/// <summary>A JSON Patch (RFC 6902) could not be applied: a bad operation, a missing target or a failed <c>test</c>.</summary>
public sealed class JsonPatchException : Exception
{
    /// <summary>Creates the exception.</summary>
    public JsonPatchException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public JsonPatchException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public JsonPatchException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
