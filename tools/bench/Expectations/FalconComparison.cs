using Bench.Probes;
using Connector.Contracts;
using Connector.Domain.Falcon;

namespace Bench.Expectations;

/// <summary>How falcon-sim's IOCs compare with what the Domain's rules say they must be.</summary>
/// <param name="Expected">IOCs that must be present.</param>
/// <param name="Present">Of those, present (not deleted) in Falcon.</param>
/// <param name="Missing">Of those, absent.</param>
/// <param name="Mismatched">Present but with other fields than the rules give (action, severity, platforms, tags, ...).</param>
/// <param name="Unexpected">Present in Falcon but not expected.</param>
/// <param name="LastWrite">The latest create or update time among the expected IOCs present: when Falcon got the last of them.</param>
/// <param name="Examples">A few of the differences, for the report.</param>
internal sealed record FalconComparison(
    int Expected, int Present, int Missing, int Mismatched, int Unexpected, DateTimeOffset? LastWrite, IReadOnlyList<string> Examples)
{
    private const int MaxExamples = 5;

    /// <summary>True when every expected IOC is present with the right fields.</summary>
    public bool IsComplete => Missing == 0 && Mismatched == 0;

    /// <summary>Compares, using <see cref="FalconFieldRules.Satisfies"/> for the fields (as the saga itself does).</summary>
    public static FalconComparison Compare(IReadOnlyDictionary<IocKey, FalconIocFields> expected, IEnumerable<FalconSimIndicator> falcon)
    {
        ArgumentNullException.ThrowIfNull(expected);
        ArgumentNullException.ThrowIfNull(falcon);

        var active = ActiveByKey(falcon);
        int present = 0, missing = 0, mismatched = 0;
        DateTimeOffset? lastWrite = null;
        var examples = new List<string>();
        foreach (var (key, fields) in expected)
        {
            if (!active.TryGetValue(key, out var ioc))
            {
                missing++;
                Note(examples, $"missing {key}");
                continue;
            }

            present++;
            if (!FalconFieldRules.Satisfies(ioc.ToFalconIoc().ToFields(), fields))
            {
                mismatched++;
                Note(examples, $"different {key}: Falcon has {ioc.Action}/{ioc.Severity}/[{string.Join(',', ioc.Tags)}], expected {fields.Action}/{fields.Severity}/[{string.Join(',', fields.Tags)}]");
            }

            var written = ioc.ModifiedAt;
            if (lastWrite is null || written > lastWrite)
            {
                lastWrite = written;
            }
        }

        var unexpected = active.Keys.Count(key => !expected.ContainsKey(key));
        foreach (var key in active.Keys.Where(key => !expected.ContainsKey(key)).Take(MaxExamples - Math.Min(examples.Count, MaxExamples)))
        {
            examples.Add($"unexpected {key}");
        }

        return new FalconComparison(expected.Count, present, missing, mismatched, unexpected, lastWrite, examples);
    }

    /// <summary>The IOCs Falcon holds now (not deleted), by key; IOCs of types the connector does not manage are left out.</summary>
    public static Dictionary<IocKey, FalconSimIndicator> ActiveByKey(IEnumerable<FalconSimIndicator> falcon)
    {
        ArgumentNullException.ThrowIfNull(falcon);
        var active = new Dictionary<IocKey, FalconSimIndicator>();
        foreach (var ioc in falcon)
        {
            if (!ioc.Deleted && IocTypeExtensions.TryParseFalconType(ioc.Type, out var type))
            {
                active[new IocKey(type, ioc.Value)] = ioc;
            }
        }

        return active;
    }

    private static void Note(List<string> examples, string text)
    {
        if (examples.Count < MaxExamples)
        {
            examples.Add(text);
        }
    }
}
