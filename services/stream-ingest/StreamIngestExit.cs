namespace Connector.StreamIngest;

/// <summary>
/// The exit code the service asks for when it stops on its own (the host itself only knows "stopped cleanly"), so a
/// configuration problem found while running ends the process with a non-zero code instead of a silent restart loop.
/// </summary>
public sealed class StreamIngestExit
{
    /// <summary>OpenCTI refused the live stream or the connector's token (401, 410, <c>AUTH_REQUIRED</c>): fix the settings or the stream.</summary>
    public const int StreamRefusedExitCode = 3;

    /// <summary>The service failed in a way it could not handle; the log says why.</summary>
    public const int UnexpectedFailureExitCode = 1;

    private int code;

    /// <summary>The code asked for; 0 when none.</summary>
    public int Code => Volatile.Read(ref code);

    /// <summary>The process exit code: the host's when it failed, else the one asked for here.</summary>
    public int Resolve(int hostExitCode) => hostExitCode != 0 ? hostExitCode : Code;

    internal void Fail(int exitCode) => Interlocked.CompareExchange(ref code, exitCode, 0);
}
