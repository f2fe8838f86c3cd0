using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace FalconSim.Auth;

/// <summary>The bearer tokens issued by <c>POST /oauth2/token</c>, with their client and expiry.</summary>
internal sealed class TokenRegistry(TimeProvider time)
{
    private readonly ConcurrentDictionary<string, IssuedToken> tokens = new(StringComparer.Ordinal);

    public int Count => tokens.Count;

    public IssuedToken Issue(string clientId, string? memberCid, TimeSpan lifetime)
    {
        // Unguessable and distinct across simulators even with the same seed, so a token of one region's
        // simulator is never valid on another's.
        var token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(48)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var issued = new IssuedToken(token, clientId, memberCid, time.GetUtcNow() + lifetime);
        tokens[token] = issued;
        return issued;
    }

    /// <summary>The client of a valid, unexpired token; null otherwise.</summary>
    public string? Authenticate(string? token)
    {
        if (token is null || !tokens.TryGetValue(token, out var issued))
        {
            return null;
        }

        if (issued.ExpiresAt <= time.GetUtcNow())
        {
            tokens.TryRemove(token, out _);
            return null;
        }

        return issued.ClientId;
    }

    public bool Revoke(string token) => tokens.TryRemove(token, out _);

    /// <summary>Makes every issued token invalid at once, as if they had all expired.</summary>
    public int ExpireAll()
    {
        var count = tokens.Count;
        tokens.Clear();
        return count;
    }
}

/// <summary>A token and what it stands for.</summary>
internal sealed record IssuedToken(string Token, string ClientId, string? MemberCid, DateTimeOffset ExpiresAt);
