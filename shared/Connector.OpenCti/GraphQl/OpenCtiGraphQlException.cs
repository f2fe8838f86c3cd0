namespace Connector.OpenCti.GraphQl;

/// <summary>OpenCTI answered a GraphQL call with <c>errors[]</c> (HTTP 200 or 4xx). The message is the platform's, never the token.</summary>
public sealed class OpenCtiGraphQlException : Exception
{
    /// <summary>Creates the exception.</summary>
    public OpenCtiGraphQlException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public OpenCtiGraphQlException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public OpenCtiGraphQlException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for a failed operation.</summary>
    public OpenCtiGraphQlException(string operation, IReadOnlyList<string> errors, string? code)
        : base($"OpenCTI GraphQL {operation} failed: {string.Join("; ", errors)}")
    {
        Operation = operation;
        Errors = errors;
        Code = code;
    }

    /// <summary>The GraphQL operation name, e.g. <c>PingConnector</c>.</summary>
    public string? Operation { get; }

    /// <summary>The messages of <c>errors[]</c>.</summary>
    public IReadOnlyList<string> Errors { get; } = [];

    /// <summary>The first error's <c>extensions.code</c> (e.g. <c>AUTH_REQUIRED</c>, <c>FORBIDDEN_ACCESS</c>), when given.</summary>
    public string? Code { get; }
}
