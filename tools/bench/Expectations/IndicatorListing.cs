using Connector.OpenCti;
using Connector.OpenCti.GraphQl;

namespace Bench.Expectations;

/// <summary>The indicators a live stream sends, listed the way the reconciler lists them: the stream's own filters over GraphQL.</summary>
internal static class IndicatorListing
{
    public static async Task<IReadOnlyList<IndicatorSnapshot>> ListAsync(OpenCtiGraphQlClient graphQl, string streamId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(graphQl);
        var stream = await graphQl.GetStreamCollectionAsync(streamId, cancellationToken)
            ?? throw new BenchException($"opencti-sim has no live stream '{streamId}'.");
        var indicators = new List<IndicatorSnapshot>();
        await foreach (var indicator in graphQl.ListIndicatorsAsync(stream.Filters, OpenCtiGraphQlClient.MaxPageSize, cancellationToken))
        {
            indicators.Add(indicator);
        }

        return indicators;
    }
}
