using System.Net;
using OpenCtiSim.Tests.Support;

namespace OpenCtiSim.Tests;

public sealed class StreamAuthAndStatusTests
{
    [Theory]
    [InlineData("wrong-token", null)]
    [InlineData(null, "unknown-stream")]
    public async Task Bad_token_or_unknown_stream_is_401_with_reason_and_empty_body(string? token, string? streamId)
    {
        await using var sim = await Sim.StartAsync();

        using var response = await SseConnection.SendAsync(sim, token: token, streamId: streamId);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.False(string.IsNullOrWhiteSpace(response.ReasonPhrase));
        Assert.NotEqual("Unauthorized", response.ReasonPhrase);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Missing_authorization_header_is_401()
    {
        await using var sim = await Sim.StartAsync();
        using var http = new HttpClient { BaseAddress = sim.BaseAddress };

        using var response = await http.GetAsync(new Uri($"stream/{sim.Options.LiveStreamId}", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Deleted_stream_is_401_never_404()
    {
        await using var sim = await Sim.StartAsync();
        sim.Platform.SetStreamStatus(sim.Options.LiveStreamId, LiveStreamStatus.Deleted);

        using var response = await SseConnection.SendAsync(sim);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Stopped_stream_is_410_and_answers_again_once_started()
    {
        await using var sim = await Sim.StartAsync();
        sim.Platform.SetStreamStatus(sim.Options.LiveStreamId, LiveStreamStatus.Stopped);

        using (var stopped = await SseConnection.SendAsync(sim))
        {
            Assert.Equal(HttpStatusCode.Gone, stopped.StatusCode);
            Assert.Contains("stopped", stopped.ReasonPhrase, StringComparison.OrdinalIgnoreCase);
            Assert.Empty(await stopped.Content.ReadAsByteArrayAsync());
        }

        sim.Platform.SetStreamStatus(sim.Options.LiveStreamId, LiveStreamStatus.Running);
        await using var running = await SseConnection.OpenAsync(sim);
        Assert.Equal("connected", (await running.NextAsync()).Event);
    }

    [Theory]
    [InlineData("?recover=2024-06-01T00:00:00Z", null)]
    [InlineData(null, "recover")]
    [InlineData(null, "recover-date")]
    public async Task Recover_without_a_start_position_is_500(string? query, string? recoverHeader)
    {
        await using var sim = await Sim.StartAsync();
        var headers = recoverHeader is null ? null : new Dictionary<string, string> { [recoverHeader] = "2024-06-01T00:00:00Z" };

        using var response = await SseConnection.SendAsync(sim, query, headers);

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Contains("start position", response.ReasonPhrase, StringComparison.OrdinalIgnoreCase);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Injected_failures_answer_500_the_given_number_of_times()
    {
        await using var sim = await Sim.StartAsync();
        sim.Platform.Faults.FailNextStreamRequests(2);

        using var first = await SseConnection.SendAsync(sim);
        using var second = await SseConnection.SendAsync(sim);
        await using var third = await SseConnection.OpenAsync(sim);

        Assert.Equal(HttpStatusCode.InternalServerError, first.StatusCode);
        Assert.Equal(HttpStatusCode.InternalServerError, second.StatusCode);
        Assert.Equal("connected", (await third.NextAsync()).Event);
        Assert.Equal(2, sim.Platform.Counters.InjectedFailures);
        Assert.Equal(2, sim.Platform.Counters.StreamRequestsByStatus[500]);
    }

    [Fact]
    public async Task Rejected_tokens_make_the_stream_401_and_graphql_ask_for_login_until_cleared()
    {
        await using var sim = await Sim.StartAsync();
        using var graphQl = new GraphQlClient(sim);
        sim.Platform.Faults.RejectTokens = true;

        using var refused = await SseConnection.SendAsync(sim);
        var answer = await graphQl.QueryAsync("query { about { version } }");
        sim.Platform.Faults.Clear();
        await using var accepted = await SseConnection.OpenAsync(sim);

        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal("AUTH_REQUIRED", answer["errors"]![0]!["extensions"]!["code"]!.GetValue<string>());
        Assert.Equal("connected", (await accepted.NextAsync()).Event);
    }

    [Fact]
    public async Task Raw_stream_without_id_is_refused_with_401()
    {
        await using var sim = await Sim.StartAsync();
        using var http = new HttpClient { BaseAddress = sim.BaseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Get, "stream");
        request.Headers.Authorization = new("Bearer", sim.Options.Token);

        using var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Success_is_chunked_event_stream_without_retry_field_or_comments()
    {
        await using var sim = await Sim.StartAsync(heartbeat: TimeSpan.FromMilliseconds(100));
        sim.Platform.AddIndicator(Sim.Ipv4("198.51.100.7"));

        using var response = await SseConnection.SendAsync(sim, "?from=0-0");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("utf-8", response.Content.Headers.ContentType.CharSet);
        Assert.True(response.Headers.TransferEncodingChunked);

        // Read the raw text until a heartbeat went by, then check every line's field name.
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        var lines = new List<string>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (!lines.Contains("event: heartbeat"))
        {
            lines.Add(await reader.ReadLineAsync(timeout.Token) ?? throw new InvalidOperationException("stream ended"));
        }

        Assert.All(lines.Where(l => l.Length > 0), line =>
            Assert.True(
                line.StartsWith("id: ", StringComparison.Ordinal) || line.StartsWith("event: ", StringComparison.Ordinal) || line.StartsWith("data: ", StringComparison.Ordinal),
                $"unexpected line '{line}'"));
        Assert.Equal("event: connected", lines[0]);
        Assert.StartsWith("data: {", lines[1], StringComparison.Ordinal);
        Assert.Equal(string.Empty, lines[2]);
        Assert.Equal("id: " + sim.Platform.LastEventId, lines[3]);
        Assert.Equal("event: create", lines[4]);
    }
}
