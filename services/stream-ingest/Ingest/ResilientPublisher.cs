using Connector.StreamIngest.Diagnostics;
using Connector.StreamIngest.Settings;
using MassTransit;
using Microsoft.Extensions.Options;

namespace Connector.StreamIngest.Ingest;

/// <summary>
/// Publishes one message until RabbitMQ confirms it: each attempt waits at most the publish timeout for the
/// publisher confirm (MassTransit's <c>Publish</c> completes only then), and a failed attempt is tried again after a
/// growing pause, for as long as the caller's token allows. A broker outage therefore holds the stream back instead
/// of losing messages. The first failure and the recovery are logged, not every attempt.
/// </summary>
internal sealed class ResilientPublisher(
    IBus bus,
    IOptions<StreamIngestOptions> options,
    StreamIngestMetrics metrics,
    TimeProvider timeProvider,
    ILogger<ResilientPublisher> logger)
{
    private static readonly TimeSpan FirstRetryDelay = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan MaxRetryDelay = TimeSpan.FromSeconds(30);

    private readonly TimeSpan publishTimeout = options.Value.PublishTimeout;
    private int failing;

    /// <summary>True between a failed publish and the next one that succeeds.</summary>
    public bool IsFailing => Volatile.Read(ref failing) != 0;

    /// <summary>Completes once the broker confirmed <paramref name="message"/>; throws only when cancelled.</summary>
    public async Task PublishAsync<T>(T message, CancellationToken cancellationToken)
        where T : class
    {
        for (var attempt = 1; ; attempt++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            try
            {
                using var timeout = new CancellationTokenSource(publishTimeout, timeProvider);
                using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
                await bus.Publish(message, linked.Token);
                if (Volatile.Read(ref failing) != 0 && Interlocked.Exchange(ref failing, 0) != 0)
                {
                    StreamIngestLog.PublishRecovered(logger);
                }

                return;
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                metrics.PublishRetried();
                if (Interlocked.Exchange(ref failing, 1) == 0)
                {
                    StreamIngestLog.PublishFailing(logger, typeof(T).Name, ex);
                }

                await Task.Delay(RetryDelay(attempt), timeProvider, cancellationToken);
            }
        }
    }

    private static TimeSpan RetryDelay(int attempt)
    {
        var exponent = Math.Min(attempt - 1, 10);
        var ceiling = Math.Min(FirstRetryDelay.TotalMilliseconds * Math.Pow(2, exponent), MaxRetryDelay.TotalMilliseconds);
#pragma warning disable CA5394 // Jitter needs no cryptographic randomness.
        var jitter = 0.5 + (Random.Shared.NextDouble() * 0.5);
#pragma warning restore CA5394
        return TimeSpan.FromMilliseconds(ceiling * jitter);
    }
}
