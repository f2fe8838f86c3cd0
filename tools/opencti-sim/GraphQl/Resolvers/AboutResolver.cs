using System.Text.Json.Nodes;

namespace OpenCtiSim.GraphQl.Resolvers;

/// <summary><c>about { version dependencies { name version } }</c>, the platform's health answer.</summary>
internal static class AboutResolver
{
    public static RootField Field(OpenCtiSimPlatform platform) => new("Query", new HashSet<string>(StringComparer.Ordinal), _ => new JsonObject
    {
        ["__typename"] = "AppInfo",
        ["version"] = platform.Options.PlatformVersion,
        ["dependencies"] = new JsonArray(
            new JsonObject { ["__typename"] = "AppDependency", ["name"] = "Elasticsearch", ["version"] = "8.15.0" },
            new JsonObject { ["__typename"] = "AppDependency", ["name"] = "RabbitMQ", ["version"] = "3.13.7" },
            new JsonObject { ["__typename"] = "AppDependency", ["name"] = "Redis", ["version"] = "7.4.1" }),
    });
}
