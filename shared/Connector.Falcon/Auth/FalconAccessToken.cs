namespace Connector.Falcon.Auth;

/// <summary>
/// An OAuth2 access token and the region it belongs to. A class rather than a record so that no generated
/// <c>ToString</c> can ever print the token.
/// </summary>
public sealed class FalconAccessToken
{
    /// <summary>Refresh this long before the token expires (shortened for tokens that live less than twice as long).</summary>
    public static readonly TimeSpan RefreshMargin = TimeSpan.FromMinutes(2);

    internal FalconAccessToken(string value, DateTimeOffset issuedAt, TimeSpan lifetime, Uri apiBaseAddress, string? region)
    {
        Value = value;
        IssuedAt = issuedAt;
        ExpiresAt = issuedAt + lifetime;
        var margin = lifetime / 2 < RefreshMargin ? lifetime / 2 : RefreshMargin;
        RefreshAt = ExpiresAt - margin;
        ApiBaseAddress = apiBaseAddress;
        Region = region;
    }

    /// <summary>The bearer token. Secret: never log it.</summary>
    internal string Value { get; }

    /// <summary>When the token was obtained.</summary>
    public DateTimeOffset IssuedAt { get; }

    /// <summary>When Falcon stops accepting the token.</summary>
    public DateTimeOffset ExpiresAt { get; }

    /// <summary>When the client obtains a new token rather than use this one.</summary>
    public DateTimeOffset RefreshAt { get; }

    /// <summary>Base URL of the region that issued the token; API calls go there.</summary>
    public Uri ApiBaseAddress { get; }

    /// <summary>Falcon's region name (<c>X-Cs-Region</c>), when it said.</summary>
    public string? Region { get; }

    /// <summary>True once the token should be replaced.</summary>
    public bool IsDueForRefresh(DateTimeOffset now) => now >= RefreshAt;

    /// <inheritdoc />
    public override string ToString() => $"Falcon access token (region {Region ?? "unknown"}, expires {ExpiresAt:o})";
}
