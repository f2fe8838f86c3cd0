using Connector.Contracts;

namespace Connector.Domain.Patterns;

/// <summary>One IOC named by a pattern, before normalisation.</summary>
/// <param name="Type">The Falcon IOC type the object path maps to.</param>
/// <param name="RawValue">The string literal as written in the pattern, escapes resolved, otherwise untouched.</param>
public sealed record PatternIoc(IocType Type, string RawValue);
