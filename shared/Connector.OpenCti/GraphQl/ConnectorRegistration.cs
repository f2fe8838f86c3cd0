namespace Connector.OpenCti.GraphQl;

/// <summary>What <c>registerConnector</c> answered.</summary>
/// <param name="Id">The connector id.</param>
/// <param name="ConnectorState">The state OpenCTI keeps for the connector (a JSON string), or null/empty when none.</param>
/// <param name="ConnectorUserId">The user the connector acts as.</param>
public sealed record ConnectorRegistration(string Id, string? ConnectorState, string? ConnectorUserId);
