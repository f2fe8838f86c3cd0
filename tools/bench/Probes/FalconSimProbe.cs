using System.Net.Http.Json;
using System.Text.Json;

namespace Bench.Probes;

/// <summary>Reads falcon-sim's test hooks: request counters (cheap, for progress) and the full IOC state (for verification).</summary>
internal sealed class FalconSimProbe(HttpClient http)
{
    private const int Attempts = 3;
    private static readonly TimeSpan RetryDelay = TimeSpan.FromMilliseconds(250);

    /// <summary>Request and write counters.</summary>
    public Task<FalconSimCounters> CountersAsync(CancellationToken cancellationToken) =>
        WithRetriesAsync(
            async ct => await http.GetFromJsonAsync("_sim/counters", SimJsonContext.Default.FalconSimCounters, ct)
                ?? throw new BenchException("falcon-sim answered /_sim/counters with nothing."),
            cancellationToken);

    /// <summary>Every IOC falcon-sim holds, deleted ones included. Large (about 600 bytes per IOC): not for tight loops.</summary>
    public Task<FalconSimState> StateAsync(CancellationToken cancellationToken) =>
        WithRetriesAsync(
            async ct =>
            {
                using var response = await http.GetAsync("_sim/state", HttpCompletionOption.ResponseHeadersRead, ct);
                response.EnsureSuccessStatusCode();
                await using var body = await response.Content.ReadAsStreamAsync(ct);
                return await JsonSerializer.DeserializeAsync(body, SimJsonContext.Default.FalconSimState, ct)
                    ?? throw new BenchException("falcon-sim answered /_sim/state with nothing.");
            },
            cancellationToken);

    // A hook that fails once (a 500 while the simulator is busy) must not end a run that is measuring the services.
    private static async Task<T> WithRetriesAsync<T>(Func<CancellationToken, Task<T>> read, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await read(cancellationToken);
            }
            catch (HttpRequestException ex) when (attempt < Attempts && ex.StatusCode is null or >= System.Net.HttpStatusCode.InternalServerError)
            {
                await Task.Delay(RetryDelay, cancellationToken);
            }
        }
    }
}
