using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Connector.Falcon;

/// <summary>
/// Builds <see cref="FqlFilter"/>s. String values are always single-quoted with <c>\</c> and <c>'</c> escaped, so
/// a value such as <c>a'+value:'b</c> stays one value; property names must be plain identifiers.
/// </summary>
/// <example><c>Fql.Eq("type", "domain") &amp; Fql.In("value", values) &amp; Fql.Eq("deleted", false)</c></example>
public static partial class Fql
{
    /// <summary><c>property:'value'</c>: equals.</summary>
    public static FqlFilter Eq(string property, string value) => Term(property, "", Quote(value));

    /// <summary><c>property:true|false</c>.</summary>
    public static FqlFilter Eq(string property, bool value) => Term(property, "", value ? "true" : "false");

    /// <summary><c>property:n</c>.</summary>
    public static FqlFilter Eq(string property, long value) => Term(property, "", value.ToString(CultureInfo.InvariantCulture));

    /// <summary><c>property:!'value'</c>: not equal.</summary>
    public static FqlFilter NotEq(string property, string value) => Term(property, "!", Quote(value));

    /// <summary><c>property:['a','b']</c>: equals any of the values (at least one).</summary>
    public static FqlFilter In(string property, IEnumerable<string> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var builder = new StringBuilder("[");
        var count = 0;
        foreach (var value in values)
        {
            if (count++ > 0)
            {
                builder.Append(',');
            }

            builder.Append(Quote(value));
        }

        if (count == 0)
        {
            throw new ArgumentException("An FQL list needs at least one value.", nameof(values));
        }

        return Term(property, "", builder.Append(']').ToString());
    }

    /// <summary><c>property:~'value'</c>: Falcon's text match (contains, case-insensitive).</summary>
    public static FqlFilter Like(string property, string value) => Term(property, "~", Quote(value));

    /// <summary><c>property:&gt;'time'</c>.</summary>
    public static FqlFilter After(string property, DateTimeOffset time) => Term(property, ">", Quote(Timestamp(time)));

    /// <summary><c>property:&gt;='time'</c>.</summary>
    public static FqlFilter AtOrAfter(string property, DateTimeOffset time) => Term(property, ">=", Quote(Timestamp(time)));

    /// <summary><c>property:&lt;'time'</c>.</summary>
    public static FqlFilter Before(string property, DateTimeOffset time) => Term(property, "<", Quote(Timestamp(time)));

    /// <summary><c>property:&lt;='time'</c>.</summary>
    public static FqlFilter AtOrBefore(string property, DateTimeOffset time) => Term(property, "<=", Quote(Timestamp(time)));

    /// <summary>All filters must match; the same as joining them with <c>&amp;</c>.</summary>
    public static FqlFilter And(params IEnumerable<FqlFilter> filters) => Join(filters, static (a, b) => a & b);

    /// <summary>Any filter may match; the same as joining them with <c>|</c>.</summary>
    public static FqlFilter Or(params IEnumerable<FqlFilter> filters) => Join(filters, static (a, b) => a | b);

    /// <summary>A value as an FQL string literal: single quotes, with <c>\</c> and <c>'</c> escaped by a backslash.</summary>
    public static string Quote(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var builder = new StringBuilder(value.Length + 2).Append('\'');
        foreach (var c in value)
        {
            if (c is '\\' or '\'')
            {
                builder.Append('\\');
            }

            builder.Append(c);
        }

        return builder.Append('\'').ToString();
    }

    private static FqlTerm Term(string property, string op, string operand)
    {
        ArgumentNullException.ThrowIfNull(property);
        if (!PropertyName().IsMatch(property))
        {
            throw new ArgumentException($"'{property}' is not an FQL property name (lowercase letters, digits, '_' and '.').", nameof(property));
        }

        return new FqlTerm(property, op + operand);
    }

    private static FqlFilter Join(IEnumerable<FqlFilter> filters, Func<FqlFilter, FqlFilter, FqlFilter> combine)
    {
        ArgumentNullException.ThrowIfNull(filters);
        return filters.Aggregate<FqlFilter, FqlFilter?>(null, (acc, f) => acc is null ? f : combine(acc, f))
            ?? throw new ArgumentException("At least one filter is needed.", nameof(filters));
    }

    private static string Timestamp(DateTimeOffset time) =>
        time.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);

    [GeneratedRegex("^[a-z_][a-z0-9_.]*$", RegexOptions.CultureInvariant)]
    private static partial Regex PropertyName();
}
