using Connector.Contracts;

namespace Connector.Domain.Indicators;

/// <summary>Something in an indicator's pattern that yields no IOC, for logs and metrics.</summary>
/// <param name="Reason">Why, e.g. <c>not supported: object path 'url:value'</c> or <c>CIDR ranges are not supported</c>.</param>
/// <param name="Type">The IOC type, when the value was recognised but invalid.</param>
/// <param name="RawValue">The value as the pattern wrote it, when it was invalid; otherwise the skipped term or null.</param>
public sealed record SkippedIoc(string Reason, IocType? Type = null, string? RawValue = null);
