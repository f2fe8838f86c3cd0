using System.IO.Compression;
using System.Net;
using Connector.EndToEnd.Tests.Otlp.Collector;
using Google.Protobuf;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Connector.EndToEnd.Tests.Otlp;

/// <summary>
/// A real OTLP/HTTP trace receiver (the part of an OpenTelemetry Collector the services talk to): Kestrel on a
/// loopback port taking <c>POST /v1/traces</c> with an <c>ExportTraceServiceRequest</c> in protobuf, and keeping
/// every span it was sent. The services export to it exactly as they would to Jaeger or a collector.
/// </summary>
public sealed class OtlpReceiver : IAsyncDisposable
{
    private const string Protobuf = "application/x-protobuf";

    private readonly WebApplication _app;
    private readonly Lock _gate = new();
    private readonly List<ReceivedSpan> _spans = [];
    private int _refused;

    private OtlpReceiver(WebApplication app) => _app = app;

    /// <summary>The value for <c>OTEL_EXPORTER_OTLP_ENDPOINT</c>; the exporter adds <c>/v1/traces</c>.</summary>
    public Uri Endpoint { get; private set; } = null!;

    /// <summary>Export requests answered 4xx (wrong content type, undecodable body): a broken exporter setup.</summary>
    public int Refused => Volatile.Read(ref _refused);

    /// <summary>Every span received so far.</summary>
    public IReadOnlyList<ReceivedSpan> Spans
    {
        get
        {
            lock (_gate)
            {
                return [.. _spans];
            }
        }
    }

    public static async Task<OtlpReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var receiver = new OtlpReceiver(app);
        app.MapPost("/v1/traces", receiver.ExportAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        receiver.Endpoint = new Uri(address);
        return receiver;
    }

    /// <summary>The spans of one trace.</summary>
    public IReadOnlyList<ReceivedSpan> Trace(string traceId) => [.. Spans.Where(s => s.TraceId == traceId)];

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task ExportAsync(HttpContext context)
    {
        if (!string.Equals(context.Request.ContentType, Protobuf, StringComparison.OrdinalIgnoreCase))
        {
            Interlocked.Increment(ref _refused);
            context.Response.StatusCode = StatusCodes.Status415UnsupportedMediaType;
            return;
        }

        using var body = new MemoryStream();
        var source = string.Equals(context.Request.Headers.ContentEncoding, "gzip", StringComparison.OrdinalIgnoreCase)
            ? new GZipStream(context.Request.Body, CompressionMode.Decompress)
            : context.Request.Body;
        await using (source)
        {
            await source.CopyToAsync(body, context.RequestAborted);
        }

        ExportTraceServiceRequest request;
        try
        {
            request = ExportTraceServiceRequest.Parser.ParseFrom(body.ToArray());
        }
        catch (InvalidProtocolBufferException)
        {
            Interlocked.Increment(ref _refused);
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        var spans = request.ResourceSpans.SelectMany(ReceivedSpan.From).ToList();
        lock (_gate)
        {
            _spans.AddRange(spans);
        }

        context.Response.ContentType = Protobuf;
        await context.Response.Body.WriteAsync(new ExportTraceServiceResponse().ToByteArray(), context.RequestAborted);
    }
}
