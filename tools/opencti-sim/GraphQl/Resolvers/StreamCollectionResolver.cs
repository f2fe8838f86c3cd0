using System.Text.Json.Nodes;

namespace OpenCtiSim.GraphQl.Resolvers;

/// <summary><c>streamCollection(id)</c>: the live stream and its FilterGroup as a JSON string; null when unknown or deleted.</summary>
internal static class StreamCollectionResolver
{
    public static RootField Field(OpenCtiSimPlatform platform) =>
        new("Query", new HashSet<string>(["id"], StringComparer.Ordinal), args =>
        {
            var stream = platform.GetLiveStream(Args.RequiredString(args, "id"));
            if (stream is null || stream.Status == LiveStreamStatus.Deleted)
            {
                return null;
            }

            return new JsonObject
            {
                ["__typename"] = "StreamCollection",
                ["id"] = stream.Id,
                ["name"] = stream.Name,
                ["description"] = null,
                ["filters"] = stream.Filters,
                ["stream_live"] = stream.Status == LiveStreamStatus.Running,
                ["stream_public"] = stream.Public,
            };
        });
}
