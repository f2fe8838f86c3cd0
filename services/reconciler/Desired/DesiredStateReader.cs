using Connector.Domain.Indicators;
using Connector.Hosting.Settings;
using Connector.OpenCti.GraphQl;
using Connector.OpenCti.Indicators;
using Connector.Reconciler.Settings;
using Connector.Reconciler.Telemetry;
using Microsoft.Extensions.Options;

namespace Connector.Reconciler.Desired;

/// <summary>
/// Lists every indicator the live stream would send — the stream's own FilterGroup, passed unchanged to
/// <c>indicators(filters:)</c> — page by page, and reads each with <see cref="IndicatorReader"/>, the code path
/// stream-ingest uses, so both sides always agree on what an indicator means.
/// </summary>
public sealed class DesiredStateReader(
    OpenCtiGraphQlClient openCti,
    IOptions<ConnectorOptions> connector,
    IOptions<ReconcilerSettings> settings,
    TimeProvider time,
    ILogger<DesiredStateReader> logger)
{
    /// <summary>Reads the desired set as of <paramref name="now"/> (which decides what has expired).</summary>
    /// <exception cref="ReconciliationException">The live stream does not exist or is not visible to the token.</exception>
    public async Task<DesiredSet> ReadAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var streamId = connector.Value.LiveStreamId?.Trim()
            ?? throw new ReconciliationException("CONNECTOR_LIVE_STREAM_ID (connector.live_stream_id) is not set.");
        var stream = await openCti.GetStreamCollectionAsync(streamId, cancellationToken)
            ?? throw new ReconciliationException(
                $"OpenCTI has no live stream '{streamId}' visible to this token: check CONNECTOR_LIVE_STREAM_ID and the user's rights.");

        var desired = new DesiredSet();
        var progress = new ProgressLog(time);
        var pageSize = settings.Value.OpenCtiPageSize;
        string? after = null;
        while (true)
        {
            var page = await openCti.GetIndicatorsPageAsync(stream.Filters, pageSize, after, cancellationToken);
            desired.Pages++;
            foreach (var indicator in page.Items)
            {
                var reading = IndicatorReader.Read(indicator.ToDomain(), now);
                desired.Add(reading, indicator.InternalId, indicator.UpdatedAt ?? DateTimeOffset.UnixEpoch);
            }

            if (progress.IsDue())
            {
                logger.OpenCtiProgress(desired.Indicators, page.GlobalCount, desired.Pages);
            }

            if (!page.HasNextPage || string.IsNullOrEmpty(page.EndCursor))
            {
                break;
            }

            if (string.Equals(page.EndCursor, after, StringComparison.Ordinal))
            {
                throw new ReconciliationException("OpenCTI returned the same cursor twice; the indicator listing would never end.");
            }

            after = page.EndCursor;
        }

        logger.OpenCtiListed(desired.Indicators, desired.Iocs.Count, desired.ReleasedIndicators, desired.Pages);
        return desired;
    }
}
