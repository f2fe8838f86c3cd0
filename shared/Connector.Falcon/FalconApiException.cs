using System.Net;

namespace Connector.Falcon;

/// <summary>
/// A Falcon call failed as a whole (after the client's retries). <see cref="IsTransient"/> tells whether the same
/// call can succeed later. Messages hold Falcon's text and the endpoint, never tokens or secrets.
/// </summary>
public class FalconApiException : Exception
{
    /// <summary>Creates the exception.</summary>
    public FalconApiException()
    {
    }

    /// <summary>Creates the exception.</summary>
    public FalconApiException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public FalconApiException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for an HTTP answer.</summary>
    public FalconApiException(string message, HttpStatusCode? statusCode, bool isTransient, IReadOnlyList<FalconApiError>? errors = null, Exception? innerException = null)
        : base(message, innerException)
    {
        StatusCode = statusCode;
        IsTransient = isTransient;
        Errors = errors ?? [];
    }

    /// <summary>The HTTP status, or null when no answer came (network error, timeout).</summary>
    public HttpStatusCode? StatusCode { get; }

    /// <summary>True for 5xx, 408, 429, network errors and timeouts: trying again later can help.</summary>
    public bool IsTransient { get; }

    /// <summary>Falcon's errors, when the answer had any.</summary>
    public IReadOnlyList<FalconApiError> Errors { get; } = [];
}
