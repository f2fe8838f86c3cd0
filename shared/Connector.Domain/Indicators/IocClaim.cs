using Connector.Contracts;

namespace Connector.Domain.Indicators;

/// <summary>One IOC an indicator's pattern names, with the attributes the indicator gives it.</summary>
/// <param name="Key">The normalised IOC.</param>
/// <param name="Attributes">The indicator's attributes, raw, for the Falcon field rules.</param>
public sealed record IocClaim(IocKey Key, IndicatorAttributes Attributes);
