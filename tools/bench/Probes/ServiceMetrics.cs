namespace Bench.Probes;

/// <summary>Scrapes a service's Prometheus endpoint.</summary>
internal sealed class ServiceMetrics(HttpClient http, string serviceName)
{
    /// <summary>The service's name.</summary>
    public string ServiceName { get; } = serviceName;

    /// <summary>Every sample of <c>/metrics</c> now; empty when the service does not answer (it may be stopping).</summary>
    public async Task<IReadOnlyList<PrometheusSample>> ScrapeAsync(CancellationToken cancellationToken)
    {
        try
        {
            return PrometheusText.Parse(await http.GetStringAsync("metrics", cancellationToken));
        }
        catch (HttpRequestException)
        {
            return [];
        }
    }
}
