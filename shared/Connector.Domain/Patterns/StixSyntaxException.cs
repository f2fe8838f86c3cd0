namespace Connector.Domain.Patterns;

/// <summary>
/// Unwinds the recursive-descent parser at the first syntax error. It never leaves this namespace:
/// <see cref="StixPatternParser"/> turns it into a <see cref="PatternParseResult"/>.
/// </summary>
internal sealed class StixSyntaxException(int position, string message) : Exception(message)
{
    public int Position { get; } = position;
}
