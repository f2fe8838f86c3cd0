using System.Net.Http.Json;

namespace Bench.Probes;

/// <summary>Reads falcon-sim's test hooks: request counters (cheap, for progress) and the full IOC state (for verification).</summary>
internal sealed class FalconSimProbe(HttpClient http)
{
    /// <summary>Request and write counters.</summary>
    public async Task<FalconSimCounters> CountersAsync(CancellationToken cancellationToken) =>
        await http.GetFromJsonAsync("_sim/counters", SimJsonContext.Default.FalconSimCounters, cancellationToken)
        ?? throw new BenchException("falcon-sim answered /_sim/counters with nothing.");

    /// <summary>Every IOC falcon-sim holds, deleted ones included. Large (about 600 bytes per IOC): not for tight loops.</summary>
    public async Task<FalconSimState> StateAsync(CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync("_sim/state", HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        response.EnsureSuccessStatusCode();
        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
        return await System.Text.Json.JsonSerializer.DeserializeAsync(body, SimJsonContext.Default.FalconSimState, cancellationToken)
            ?? throw new BenchException("falcon-sim answered /_sim/state with nothing.");
    }
}
