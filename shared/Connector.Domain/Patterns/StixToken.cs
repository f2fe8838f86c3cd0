namespace Connector.Domain.Patterns;

/// <summary>One token of a STIX pattern.</summary>
/// <param name="Kind">The lexical class.</param>
/// <param name="Value">The token's value: the unescaped text of a string, the word of an identifier, the source text otherwise.</param>
/// <param name="Start">Offset (0-based) of the token's first character in the pattern.</param>
/// <param name="End">Offset just past the token's last character.</param>
internal readonly record struct StixToken(StixTokenKind Kind, string Value, int Start, int End)
{
    public bool IsKeyword(string keyword) =>
        Kind == StixTokenKind.Identifier && string.Equals(Value, keyword, StringComparison.OrdinalIgnoreCase);
}
