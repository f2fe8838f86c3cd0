using System.Text;

namespace Connector.Falcon;

/// <summary>
/// A Falcon Query Language filter, built only through <see cref="Fql"/>, so every value is quoted and escaped and
/// no value can change the filter's meaning. <see cref="ToString"/> gives the FQL text; the client URL-encodes it.
/// Combine with <c>&amp;</c> (FQL <c>+</c>, AND) and <c>|</c> (FQL <c>,</c>, OR).
/// </summary>
public abstract class FqlFilter
{
    private protected FqlFilter()
    {
    }

    /// <summary>Number of property terms, which Falcon limits to 20 per filter.</summary>
    public abstract int TermCount { get; }

    /// <summary>Both filters must match (FQL <c>a+b</c>).</summary>
    public static FqlFilter operator &(FqlFilter left, FqlFilter right) => new FqlGroup(FqlGroup.AndSeparator, Flatten(left, right, FqlGroup.AndSeparator));

    /// <summary>Either filter may match (FQL <c>(a,b)</c>).</summary>
    public static FqlFilter operator |(FqlFilter left, FqlFilter right) => new FqlGroup(FqlGroup.OrSeparator, Flatten(left, right, FqlGroup.OrSeparator));

    /// <summary>Named alternative to <c>&amp;</c>.</summary>
    public static FqlFilter BitwiseAnd(FqlFilter left, FqlFilter right) => left & right;

    /// <summary>Named alternative to <c>|</c>.</summary>
    public static FqlFilter BitwiseOr(FqlFilter left, FqlFilter right) => left | right;

    /// <summary>The FQL text.</summary>
    public sealed override string ToString()
    {
        var builder = new StringBuilder();
        Write(builder, parenthesise: false);
        return builder.ToString();
    }

    internal abstract void Write(StringBuilder builder, bool parenthesise);

    private static FqlFilter[] Flatten(FqlFilter left, FqlFilter right, char separator)
    {
        ArgumentNullException.ThrowIfNull(left);
        ArgumentNullException.ThrowIfNull(right);
        IEnumerable<FqlFilter> Parts(FqlFilter f) => f is FqlGroup g && g.Separator == separator ? g.Parts : [f];
        return [.. Parts(left), .. Parts(right)];
    }
}

/// <summary>One <c>property:operand</c> term; the operand text is already quoted and escaped.</summary>
internal sealed class FqlTerm(string property, string operand) : FqlFilter
{
    public override int TermCount => 1;

    internal override void Write(StringBuilder builder, bool parenthesise) => builder.Append(property).Append(':').Append(operand);
}

/// <summary>Filters joined by <c>+</c> or <c>,</c>; parenthesised when nested, so FQL precedence never matters.</summary>
internal sealed class FqlGroup(char separator, IReadOnlyList<FqlFilter> parts) : FqlFilter
{
    public const char AndSeparator = '+';
    public const char OrSeparator = ',';

    public char Separator => separator;

    public IReadOnlyList<FqlFilter> Parts => parts;

    public override int TermCount => parts.Sum(p => p.TermCount);

    internal override void Write(StringBuilder builder, bool parenthesise)
    {
        // An OR group is always bracketed, even at the top, because the client may append terms to it with '+'.
        var bracket = parenthesise || separator == OrSeparator;
        if (bracket)
        {
            builder.Append('(');
        }

        for (var i = 0; i < parts.Count; i++)
        {
            if (i > 0)
            {
                builder.Append(separator);
            }

            parts[i].Write(builder, parenthesise: parts[i] is FqlGroup);
        }

        if (bracket)
        {
            builder.Append(')');
        }
    }
}
