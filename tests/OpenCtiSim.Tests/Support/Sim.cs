namespace OpenCtiSim.Tests.Support;

/// <summary>Starts simulators with test-friendly defaults and builds indicators tersely.</summary>
public static class Sim
{
    public const string MarkingGreen = "marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da";
    public const string MarkingAmber = "marking-definition--f88d31f6-486f-44da-b317-01333bde0b82";

    /// <summary>A simulator whose heartbeats stay out of the way unless a test asks for them.</summary>
    public static Task<OpenCtiSimHost> StartAsync(TimeSpan? heartbeat = null, string? filters = null, int seedIndicators = 0, int seed = 42) =>
        OpenCtiSimHost.StartAsync(new OpenCtiSimOptions
        {
            HeartbeatInterval = heartbeat ?? TimeSpan.FromMinutes(5),
            LiveStreamFilters = filters ?? OpenCtiSimOptions.IndicatorOnlyFilters,
            SeedIndicators = seedIndicators,
            Seed = seed,
        });

    public static IndicatorDraft Ipv4(string ip, int? score = 50, params string[] labels) => new()
    {
        Pattern = $"[ipv4-addr:value = '{ip}']",
        Name = ip,
        MainObservableType = "IPv4-Addr",
        Score = score,
        Labels = labels,
    };

    public static IndicatorDraft Domain(string domain, int? score = 50) => new()
    {
        Pattern = $"[domain-name:value = '{domain}']",
        Name = domain,
        MainObservableType = "Domain-Name",
        Score = score,
    };

    public static string ScoreAtLeast(int score) =>
        $$"""{"mode":"and","filters":[{"key":["entity_type"],"values":["Indicator"],"operator":"eq","mode":"or"},{"key":["x_opencti_score"],"values":["{{score}}"],"operator":"gte","mode":"or"}],"filterGroups":[]}""";
}
