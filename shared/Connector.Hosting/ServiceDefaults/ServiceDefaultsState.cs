namespace Connector.Hosting.ServiceDefaults;

/// <summary>What <c>AddServiceDefaults</c> decided, for the later steps.</summary>
internal sealed record ServiceDefaultsState(string ServiceName, bool MetricsEnabled);
