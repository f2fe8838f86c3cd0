using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Connector.EndToEnd.Tests.Support;

/// <summary>
/// Someone changing Falcon by hand: another API client of the tenant, calling the real IOC API of falcon-sim (so
/// the change is what the connector's reconciler would meet on a real tenant, not a shortcut into the store).
/// </summary>
internal static class AnalystConsole
{
    public const string ClientId = "analyst-console";
    public const string ClientSecret = "analyst-console-secret";

    /// <summary>Deletes (Falcon's soft delete) the IOC with <paramref name="iocId"/>.</summary>
    public static async Task DeleteAsync(Uri falcon, string iocId)
    {
        using var http = new HttpClient { BaseAddress = falcon, Timeout = TimeSpan.FromSeconds(30) };
        using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["client_id"] = ClientId, ["client_secret"] = ClientSecret });
        using var token = await http.PostAsync(new Uri("oauth2/token", UriKind.Relative), form);
        var accessToken = (await token.EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>()).GetProperty("access_token").GetString();

        using var delete = new HttpRequestMessage(HttpMethod.Delete, new Uri($"iocs/entities/indicators/v1?ids={Uri.EscapeDataString(iocId)}&comment=by+hand", UriKind.Relative));
        delete.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        using var deleted = await http.SendAsync(delete);
        deleted.EnsureSuccessStatusCode();
    }
}
