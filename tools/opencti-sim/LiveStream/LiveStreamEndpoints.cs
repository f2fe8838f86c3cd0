using Microsoft.AspNetCore.Http.Features;
using OpenCtiSim.Hosting;

namespace OpenCtiSim.LiveStream;

/// <summary><c>GET /stream/{id}</c>: auth and status codes as the platform answers them, then a session.</summary>
internal static class LiveStreamEndpoints
{
    private static readonly TimeSpan DrainBeforeCut = TimeSpan.FromMilliseconds(500);

    public static IEndpointRouteBuilder MapLiveStream(this IEndpointRouteBuilder app)
    {
        app.MapGet("/stream/{id}", (HttpContext http, string id) => HandleAsync(http, id));

        // The raw stream needs the bypass capability, which the simulator's token does not have.
        app.MapGet("/stream", (HttpContext http) => RefuseAsync(http, "raw", StatusCodes.Status401Unauthorized, "You are not allowed to listen the raw stream"));
        return app;
    }

    private static async Task HandleAsync(HttpContext http, string id)
    {
        var platform = http.RequestServices.GetRequiredService<OpenCtiSimPlatform>();
        var logger = http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("OpenCtiSim.LiveStream");
        if (platform.Faults.TakeStreamFailure())
        {
            platform.CounterSink.FailureInjected();
            logger.FailureInjected(http.Request.Path);
            await RefuseAsync(http, id, StatusCodes.Status500InternalServerError, "Internal Server Error");
            return;
        }

        if (!SimAuth.IsAuthorized(http.Request, platform.Options))
        {
            await RefuseAsync(http, id, StatusCodes.Status401Unauthorized, "You are not authenticated, please check your credentials");
            return;
        }

        var stream = platform.FindStream(id);
        if (stream is null || stream.Stream.Status == LiveStreamStatus.Deleted)
        {
            // The platform never says 404: an unknown stream looks like missing rights.
            await RefuseAsync(http, id, StatusCodes.Status401Unauthorized, "This live stream does not exist or you have no access to it");
            return;
        }

        if (stream.Stream.Status == LiveStreamStatus.Stopped)
        {
            await RefuseAsync(http, id, StatusCodes.Status410Gone, "This live stream is stopped");
            return;
        }

        var request = StreamRequest.Read(http.Request, out var error);
        if (request is null)
        {
            await RefuseAsync(http, id, StatusCodes.Status500InternalServerError, error!);
            return;
        }

        await StreamAsync(http, platform, id, request, logger);
    }

    private static async Task StreamAsync(HttpContext http, OpenCtiSimPlatform platform, string streamId, StreamRequest request, ILogger logger)
    {
        var connectionId = Guid.NewGuid().ToString();
        using var drop = new CancellationTokenSource();
        var stopping = http.RequestServices.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted, drop.Token, stopping);

        platform.CounterSink.StreamRequest(StatusCodes.Status200OK);
        platform.CounterSink.ConnectionOpened();
        platform.Connections.Add(connectionId, drop);
        logger.StreamOpened(streamId, connectionId, request.Start?.ToString() ?? "now", request.Recover?.ToString("O") ?? "none");

        http.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        http.Response.StatusCode = StatusCodes.Status200OK;
        http.Response.ContentType = "text/event-stream; charset=utf-8";
        http.Response.Headers.CacheControl = "no-cache";
        http.Response.Headers["X-Accel-Buffering"] = "no";

        using var frames = new SseFrameWriter(http.Response.BodyWriter, platform.Options.IncludeObservableValues);
        var session = new LiveStreamSession(platform, streamId, request, frames, connectionId);
        var reason = "client closed";
        try
        {
            await session.RunAsync(linked.Token);
        }
        catch (DropConnectionException)
        {
            reason = "dropped after frame limit";
            await FlushQuietlyAsync(frames);

            // Aborting discards what the server has not put on the wire yet; the frames before the cut must arrive.
            await Task.Delay(DrainBeforeCut, CancellationToken.None);
            http.Abort();
        }
        catch (OperationCanceledException) when (drop.IsCancellationRequested)
        {
            reason = "dropped";
            http.Abort();
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            reason = "simulator stopping";
            http.Abort();
        }
        catch (OperationCanceledException)
        {
            // The client went away.
        }
        catch (IOException)
        {
            // The client went away while a flush was in progress.
        }
        finally
        {
            platform.Connections.Remove(connectionId);
            platform.CounterSink.ConnectionClosed();
            logger.StreamClosed(connectionId, session.FramesWritten, reason);
        }
    }

    private static async Task FlushQuietlyAsync(SseFrameWriter frames)
    {
        try
        {
            await frames.FlushAsync(CancellationToken.None);
        }
        catch (Exception e) when (e is OperationCanceledException or IOException)
        {
            // The client left first; there is nothing left to cut.
        }
    }

    private static Task RefuseAsync(HttpContext http, string streamId, int status, string reason)
    {
        var platform = http.RequestServices.GetRequiredService<OpenCtiSimPlatform>();
        platform.CounterSink.StreamRequest(status);
        http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("OpenCtiSim.LiveStream").StreamRefused(streamId, status, reason);
        http.Response.StatusCode = status;
        http.Features.GetRequiredFeature<IHttpResponseFeature>().ReasonPhrase = reason;

        // The platform's error answers have no body.
        http.Response.ContentLength = 0;
        return Task.CompletedTask;
    }
}
