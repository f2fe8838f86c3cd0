using System.Buffers;
using System.IO.Pipelines;
using System.Text;
using System.Text.Json;
using OpenCtiSim.Events;
using OpenCtiSim.Stix;

namespace OpenCtiSim.LiveStream;

/// <summary>
/// Writes SSE frames (<c>id:</c>, <c>event:</c>, one <c>data:</c> line of JSON, blank line) into the response
/// pipe, which buffers them until <see cref="FlushAsync"/>. No <c>retry:</c> field and no comments, as the platform.
/// </summary>
internal sealed class SseFrameWriter(PipeWriter pipe, bool observableValues) : IDisposable
{
    private const string RecoveryOrigin = """{"referer":"init-create"}""";

    private static readonly byte[] IdPrefix = "id: "u8.ToArray();
    private static readonly byte[] EventPrefix = "event: "u8.ToArray();
    private static readonly byte[] DataPrefix = "data: "u8.ToArray();
    private static readonly byte[] FrameEnd = "\n\n"u8.ToArray();
    private static readonly byte[] LineEnd = "\n"u8.ToArray();

    private readonly Utf8JsonWriter _json = new(pipe, SimJson.Writer);

    public void WriteConnected(EventLogInfo info, string connectionId)
    {
        Header(null, "connected");
        _json.WriteStartObject();
        _json.WriteString("lastEventId", info.Last.ToString());
        _json.WriteString("firstEventId", info.First.ToString());
        _json.WriteString("firstEventDate", SimTime.Format(info.First.Timestamp));
        _json.WriteString("lastEventDate", SimTime.Format(info.Last.Timestamp));
        _json.WriteNumber("streamSize", info.Size);
        _json.WriteString("connectionId", connectionId);
        _json.WriteEndObject();
        EndFrame();
    }

    public void WriteHeartbeat(StreamEventId id, DateTimeOffset now)
    {
        Header(id, "heartbeat");
        _json.WriteStringValue(SimTime.Format(now));
        EndFrame();
    }

    /// <summary>A live event under the SSE name the connection decided (which may differ from the payload's type).</summary>
    public void WriteEvent(string eventName, StreamEvent e)
    {
        Header(e.Id, eventName);
        _json.WriteStartObject();
        _json.WriteString("version", "4");
        _json.WriteString("type", e.Type);
        _json.WriteString("scope", e.Scope);
        _json.WriteString("message", e.Message);
        _json.WritePropertyName("origin");
        _json.WriteRawValue(e.Origin, skipInputValidation: true);
        _json.WritePropertyName("data");
        StixWriter.WriteIndicator(_json, e.Current!, observableValues);
        if (e.Context is { } context)
        {
            _json.WritePropertyName("context");
            _json.WriteRawValue(context, skipInputValidation: true);
        }

        _json.WriteEndObject();
        EndFrame();
    }

    /// <summary>A referenced object sent as a live <c>create</c> under its parent's id.</summary>
    public void WriteLiveDependency(StreamEventId parentId, string origin, string message, Action<Utf8JsonWriter> writeData)
    {
        Header(parentId, "create");
        _json.WriteStartObject();
        _json.WriteString("version", "4");
        _json.WriteString("type", "create");
        _json.WriteString("scope", "external");
        _json.WriteString("message", message);
        _json.WritePropertyName("origin");
        _json.WriteRawValue(origin, skipInputValidation: true);
        _json.WritePropertyName("data");
        writeData(_json);
        _json.WriteEndObject();
        EndFrame();
    }

    /// <summary>A recovery frame: <c>{"data","message","origin":{"referer":"init-create"},"version":"4"}</c>.</summary>
    public void WriteRecovery(StreamEventId id, string message, Action<Utf8JsonWriter> writeData)
    {
        Header(id, "create");
        _json.WriteStartObject();
        _json.WritePropertyName("data");
        writeData(_json);
        _json.WriteString("message", message);
        _json.WritePropertyName("origin");
        _json.WriteRawValue(RecoveryOrigin, skipInputValidation: true);
        _json.WriteString("version", "4");
        _json.WriteEndObject();
        EndFrame();
    }

    public void WriteIndicatorData(Utf8JsonWriter writer, SimIndicator indicator) =>
        StixWriter.WriteIndicator(writer, indicator, observableValues);

    /// <summary>Sends what is buffered; throws <see cref="OperationCanceledException"/> once the client is gone.</summary>
    public async ValueTask FlushAsync(CancellationToken cancellationToken)
    {
        var result = await pipe.FlushAsync(cancellationToken);
        if (result.IsCompleted || result.IsCanceled)
        {
            throw new OperationCanceledException("the client closed the stream");
        }
    }

    public void Dispose() => _json.Dispose();

    private void Header(StreamEventId? id, string eventName)
    {
        if (id is { } value)
        {
            pipe.Write(IdPrefix);
            WriteAscii(value.ToString());
            pipe.Write(LineEnd);
        }

        pipe.Write(EventPrefix);
        WriteAscii(eventName);
        pipe.Write(LineEnd);
        pipe.Write(DataPrefix);
        _json.Reset(pipe);
    }

    // The JSON writer escapes control characters, so the data is always a single line.
    private void EndFrame()
    {
        _json.Flush();
        pipe.Write(FrameEnd);
    }

    private void WriteAscii(string text)
    {
        var span = pipe.GetSpan(text.Length);
        var written = Encoding.ASCII.GetBytes(text, span);
        pipe.Advance(written);
    }
}
