namespace Connector.Domain.Patterns;

/// <summary>The lexical classes of the STIX 2.1 patterning language.</summary>
internal enum StixTokenKind
{
    LeftBracket,
    RightBracket,
    LeftParen,
    RightParen,
    Comma,
    Colon,
    Dot,
    Asterisk,
    Equal,
    NotEqual,
    Less,
    LessOrEqual,
    Greater,
    GreaterOrEqual,

    /// <summary>A bare word: object types, property names and every keyword (keywords are recognised by the parser, in context).</summary>
    Identifier,
    String,
    Integer,
    Float,
    Timestamp,
    Hex,
    Binary,
    End,
}
