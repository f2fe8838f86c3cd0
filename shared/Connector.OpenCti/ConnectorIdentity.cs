namespace Connector.OpenCti;

/// <summary>
/// How this connector registers in OpenCTI (<c>CONNECTOR_ID</c>, <c>CONNECTOR_NAME</c>, <c>CONNECTOR_SCOPE</c>).
/// The state that OpenCTI keeps for it, and the "reset state" button, are tied to <see cref="Id"/>.
/// </summary>
/// <param name="Id">The connector's id (a UUID chosen once and kept).</param>
/// <param name="Name">The name shown in OpenCTI.</param>
/// <param name="Scope">The scope as configured: a comma-separated list.</param>
public sealed record ConnectorIdentity(string Id, string Name, string Scope)
{
    /// <summary>The Python connector's default name.</summary>
    public const string DefaultName = "CrowdStrike Endpoint Security";

    /// <summary>The Python connector's default scope.</summary>
    public const string DefaultScope = "crowdstrike";

    /// <summary>The scope split on <c>,</c> as OpenCTI's <c>RegisterConnectorInput.scope</c> wants it.</summary>
    public IReadOnlyList<string> ScopeList =>
        Scope.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
}
