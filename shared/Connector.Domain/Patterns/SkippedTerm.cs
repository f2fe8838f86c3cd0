namespace Connector.Domain.Patterns;

/// <summary>A comparison of an OR that yields no IOC, left out while the other terms are kept.</summary>
/// <param name="Term">The comparison as written in the pattern, e.g. <c>url:value = 'http://x'</c>.</param>
/// <param name="Reason">Why it was left out, e.g. <c>not supported: object path 'url:value'</c>.</param>
public sealed record SkippedTerm(string Term, string Reason);
