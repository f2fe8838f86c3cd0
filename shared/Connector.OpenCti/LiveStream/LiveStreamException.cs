using System.Net;

namespace Connector.OpenCti.LiveStream;

/// <summary>
/// The live stream cannot be read until someone changes the configuration or the platform; retrying would not help.
/// The message says what to fix. It never holds the token.
/// </summary>
public sealed class LiveStreamException : Exception
{
    /// <summary>Creates the exception.</summary>
    public LiveStreamException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public LiveStreamException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public LiveStreamException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for a refused request.</summary>
    public LiveStreamException(string message, HttpStatusCode statusCode, LiveStreamFailure failure)
        : base(message)
    {
        StatusCode = statusCode;
        Failure = failure;
    }

    /// <summary>The HTTP status OpenCTI answered.</summary>
    public HttpStatusCode? StatusCode { get; }

    /// <summary>What is wrong.</summary>
    public LiveStreamFailure Failure { get; }

    internal static LiveStreamException For(HttpStatusCode status, string streamId) => status switch
    {
        HttpStatusCode.Unauthorized => new(
            $"OpenCTI refused the live stream '{streamId}' (401): the token is refused or the live stream does not exist or was deleted — check OPENCTI_TOKEN and CONNECTOR_LIVE_STREAM_ID.",
            status,
            LiveStreamFailure.Unauthorized),
        HttpStatusCode.Gone => new(
            $"The live stream '{streamId}' is stopped (410): start it in OpenCTI (Data sharing → Live streams) and restart the connector.",
            status,
            LiveStreamFailure.Stopped),
        _ => new(
            $"OpenCTI answered {(int)status} to the live stream '{streamId}' request — check OPENCTI_URL (it must point at the platform, not at a proxy page) and CONNECTOR_LIVE_STREAM_ID.",
            status,
            LiveStreamFailure.UnexpectedStatus),
    };
}

/// <summary>Why the live stream cannot be read.</summary>
public enum LiveStreamFailure
{
    /// <summary>401: bad token, unknown or deleted stream, or missing rights.</summary>
    Unauthorized,

    /// <summary>410: the stream exists but is stopped.</summary>
    Stopped,

    /// <summary>Another status that retrying cannot fix (e.g. 404 from a proxy).</summary>
    UnexpectedStatus,
}
