namespace OpenCtiSim;

/// <summary>A registered connector and the state string it keeps in the platform.</summary>
/// <param name="Id">The connector's uuid (<c>CONNECTOR_ID</c>).</param>
/// <param name="Name">Its name.</param>
/// <param name="Type">Its type, e.g. <c>STREAM</c>.</param>
/// <param name="Scope">Its scope list.</param>
/// <param name="State">The stored <c>connector_state</c>: null until the first ping, <c>""</c> after a reset.</param>
/// <param name="StateResetPending">True between a UI reset and the next ping, which then answers <c>""</c>.</param>
/// <param name="RegisteredAt">When it first registered.</param>
/// <param name="LastPingAt">Its last register or ping.</param>
/// <param name="PingCount">How many pings it sent.</param>
public sealed record SimConnector(
    string Id,
    string Name,
    string Type,
    IReadOnlyList<string> Scope,
    string? State,
    bool StateResetPending,
    DateTimeOffset RegisteredAt,
    DateTimeOffset? LastPingAt,
    int PingCount);
