namespace Bench.Stack;

/// <summary>Waits until a process answers an HTTP probe with a success status.</summary>
internal static class Readiness
{
    public static async Task WaitAsync(HttpClient http, ChildProcess process, Uri probe, TimeSpan timeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(process);
        var deadline = DateTimeOffset.UtcNow + timeout;
        string last = "no answer";
        while (DateTimeOffset.UtcNow < deadline)
        {
            process.EnsureRunning();
            try
            {
                using var attempt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                attempt.CancelAfter(TimeSpan.FromSeconds(10));
                using var response = await http.GetAsync(probe, attempt.Token);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }

                last = $"HTTP {(int)response.StatusCode}";
            }
            catch (HttpRequestException ex)
            {
                last = ex.Message;
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                last = "no answer within 10 s";
            }

            await Task.Delay(TimeSpan.FromMilliseconds(250), cancellationToken);
        }

        throw new BenchException($"{process.Name} was not ready within {timeout.TotalSeconds:0} s ({probe}: {last}); see {process.LogPath}.");
    }
}
