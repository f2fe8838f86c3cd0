namespace Connector.Domain.Patterns;

/// <summary>Why a pattern yields no IOC.</summary>
public enum PatternFailureKind
{
    /// <summary>The pattern is not valid STIX 2.1 patterning (the result carries the position).</summary>
    SyntaxError,

    /// <summary>The pattern is valid but cannot be expressed as Falcon IOCs (AND, qualifiers, other observables, other pattern types, …).</summary>
    NotSupported,
}
