using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Bench.Probes;

/// <summary>Drives opencti-sim through its test hooks: the changes a user would make in OpenCTI, and its counters.</summary>
internal sealed class OpenCtiSimProbe(HttpClient http)
{
    /// <summary>The platform's summary (indicator count, event log).</summary>
    public async Task<OpenCtiSimState> StateAsync(CancellationToken cancellationToken) =>
        await http.GetFromJsonAsync("_sim/state", SimJsonContext.Default.OpenCtiSimState, cancellationToken)
        ?? throw new BenchException("opencti-sim answered /_sim/state with nothing.");

    /// <summary>Frames and connections served.</summary>
    public async Task<OpenCtiSimCounters> CountersAsync(CancellationToken cancellationToken) =>
        await http.GetFromJsonAsync("_sim/counters", SimJsonContext.Default.OpenCtiSimCounters, cancellationToken)
        ?? throw new BenchException("opencti-sim answered /_sim/counters with nothing.");

    /// <summary>Creates an indicator (a <c>create</c> event); returns its STIX id.</summary>
    public async Task<string> CreateAsync(IndicatorDraft draft, CancellationToken cancellationToken)
    {
        using var response = await http.PostAsJsonAsync("_sim/indicators", draft, SimJsonContext.Default.IndicatorDraft, cancellationToken);
        return await StixIdAsync(response, "create", cancellationToken);
    }

    /// <summary>Changes fields of an indicator (an <c>update</c> event with patch and reverse patch).</summary>
    public async Task UpdateAsync(string indicatorId, JsonObject changes, CancellationToken cancellationToken)
    {
        using var content = new StringContent(changes.ToJsonString(), System.Text.Encoding.UTF8, "application/json");
        using var response = await http.PatchAsync($"_sim/indicators/{Uri.EscapeDataString(indicatorId)}", content, cancellationToken);
        await StixIdAsync(response, "update", cancellationToken);
    }

    /// <summary>Deletes an indicator (a <c>delete</c> event).</summary>
    public async Task DeleteAsync(string indicatorId, CancellationToken cancellationToken)
    {
        using var response = await http.DeleteAsync($"_sim/indicators/{Uri.EscapeDataString(indicatorId)}", cancellationToken);
        await StixIdAsync(response, "delete", cancellationToken);
    }

    private static async Task<string> StixIdAsync(HttpResponseMessage response, string what, CancellationToken cancellationToken)
    {
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new BenchException($"opencti-sim refused an indicator {what}: HTTP {(int)response.StatusCode} {body}");
        }

        using var document = JsonDocument.Parse(body);
        return document.RootElement.TryGetProperty("id", out var id) && id.GetString() is { } text
            ? text
            : throw new BenchException($"opencti-sim answered an indicator {what} without an id.");
    }
}
