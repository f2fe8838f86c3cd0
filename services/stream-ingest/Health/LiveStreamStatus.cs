namespace Connector.StreamIngest.Health;

/// <summary>Whether the live stream is being read, for the ready check. Thread-safe.</summary>
public sealed class LiveStreamStatus
{
    private readonly Lock gate = new();
    private bool connected;
    private string? refusal;

    /// <summary>True once a connection to the live stream was opened (it stays true while the client reconnects).</summary>
    public bool IsConnected
    {
        get
        {
            lock (gate)
            {
                return connected;
            }
        }
    }

    /// <summary>Why OpenCTI refused the stream, when it did (the service then stops).</summary>
    public string? Refusal
    {
        get
        {
            lock (gate)
            {
                return refusal;
            }
        }
    }

    internal void Connected()
    {
        lock (gate)
        {
            connected = true;
        }
    }

    internal void Refused(string reason)
    {
        lock (gate)
        {
            connected = false;
            refusal = reason;
        }
    }
}
