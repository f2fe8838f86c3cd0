using System.IO.Pipelines;
using System.Net;
using System.Text;

namespace Connector.OpenCti.Tests.Support;

/// <summary>An event stream response whose frames the test writes while the client reads, like a live connection.</summary>
internal sealed class LiveConnection
{
    private readonly Pipe pipe = new();

    public HttpResponseMessage Response()
    {
        var content = new StreamContent(pipe.Reader.AsStream());
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("text/event-stream") { CharSet = "utf-8" };
        return new HttpResponseMessage(HttpStatusCode.OK) { Content = content };
    }

    public async Task WriteAsync(string frames)
    {
        await pipe.Writer.WriteAsync(Encoding.UTF8.GetBytes(frames));
    }

    public Task CloseAsync() => pipe.Writer.CompleteAsync().AsTask();
}
