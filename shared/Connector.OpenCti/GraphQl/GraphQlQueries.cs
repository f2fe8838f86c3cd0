namespace Connector.OpenCti.GraphQl;

/// <summary>The GraphQL documents the connector sends, as the Python client (pycti) sends them.</summary>
internal static class GraphQlQueries
{
    public const string About = "query About { about { version } }";

    public const string RegisterConnector = """
        mutation RegisterConnector($input: RegisterConnectorInput) {
          registerConnector(input: $input) { id connector_state connector_user_id
            config { connection { host vhost use_ssl port user pass } listen listen_exchange push push_exchange } } }
        """;

    public const string PingConnector = """
        mutation PingConnector($id: ID!, $state: String, $connectorInfo: ConnectorInfoInput) {
          pingConnector(id: $id, state: $state, connectorInfo: $connectorInfo) { id connector_state } }
        """;

    public const string StreamCollection = """
        query StreamCollection($id: String!) { streamCollection(id: $id) { id name filters stream_live stream_public } }
        """;

    public const string Indicators = """
        query Indicators($filters: FilterGroup, $first: Int, $after: ID) {
          indicators(filters: $filters, first: $first, after: $after, orderBy: created_at, orderMode: asc) {
            edges { node { id standard_id name description pattern pattern_type revoked valid_from valid_until
                           x_opencti_score x_mitre_platforms x_opencti_main_observable_type updated_at
                           objectLabel { value } } }
            pageInfo { endCursor hasNextPage globalCount } } }
        """;
}
