namespace Connector.Falcon.Telemetry;

/// <summary>
/// Low-cardinality names of the Falcon endpoints, carried on each request so handlers can tag metrics and spans
/// without parsing URLs (whose query strings hold IOC values).
/// </summary>
internal static class FalconEndpoint
{
    public const string Token = "oauth2.token";
    public const string Revoke = "oauth2.revoke";
    public const string SearchIds = "iocs.query";
    public const string Combined = "iocs.combined";
    public const string Get = "iocs.get";
    public const string Create = "iocs.create";
    public const string Update = "iocs.update";
    public const string Delete = "iocs.delete";

    private static readonly HttpRequestOptionsKey<string> NameKey = new("Connector.Falcon.Endpoint");
    private static readonly HttpRequestOptionsKey<int> ItemCountKey = new("Connector.Falcon.ItemCount");

    public static void Tag(HttpRequestMessage request, string endpoint, int itemCount)
    {
        request.Options.Set(NameKey, endpoint);
        request.Options.Set(ItemCountKey, itemCount);
    }

    public static string NameOf(HttpRequestMessage request) =>
        request.Options.TryGetValue(NameKey, out var name) ? name : "other";

    public static int? ItemCountOf(HttpRequestMessage request) =>
        request.Options.TryGetValue(ItemCountKey, out var count) ? count : null;
}
