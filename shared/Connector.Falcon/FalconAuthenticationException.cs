using System.Net;

namespace Connector.Falcon;

/// <summary>
/// Falcon refused the API client's credentials (or the login could not be completed). The message names the
/// client id and Falcon's reason; it never holds the secret.
/// </summary>
public sealed class FalconAuthenticationException : FalconApiException
{
    /// <summary>Creates the exception.</summary>
    public FalconAuthenticationException()
    {
    }

    /// <summary>Creates the exception.</summary>
    public FalconAuthenticationException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public FalconAuthenticationException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for a login answer.</summary>
    public FalconAuthenticationException(string message, HttpStatusCode? statusCode, bool isTransient, IReadOnlyList<FalconApiError>? errors = null, Exception? innerException = null)
        : base(message, statusCode, isTransient, errors, innerException)
    {
    }
}
