using System.Collections.Concurrent;

namespace FalconSim.Limits;

/// <summary>The simulator's windows: the customer's API limit, the token endpoint's, and bad tokens per source IP.</summary>
internal sealed class RateLimits(TimeProvider time)
{
    private readonly ConcurrentDictionary<string, SlidingWindow> badTokensByIp = new(StringComparer.Ordinal);

    /// <summary>All API requests of the customer, every client together.</summary>
    public SlidingWindow Api { get; } = new(time);

    /// <summary>Requests to <c>/oauth2/token</c>.</summary>
    public SlidingWindow Token { get; } = new(time);

    public SlidingWindow BadTokens(string ip) => badTokensByIp.GetOrAdd(ip, _ => new SlidingWindow(time));

    public void Clear()
    {
        Api.Clear();
        Token.Clear();
        badTokensByIp.Clear();
    }
}
