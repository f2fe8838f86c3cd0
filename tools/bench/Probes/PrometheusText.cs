using System.Globalization;

namespace Bench.Probes;

/// <summary>One sample of a Prometheus text exposition: <c>name{label="value",...} number</c>.</summary>
internal sealed record PrometheusSample(string Name, IReadOnlyDictionary<string, string> Labels, double Value)
{
    /// <summary>The label's value, or empty.</summary>
    public string Label(string name) => Labels.TryGetValue(name, out var value) ? value : "";
}

/// <summary>Parses the Prometheus text format (what <c>/metrics</c> serves), enough for counters and gauges.</summary>
internal static class PrometheusText
{
    public static IReadOnlyList<PrometheusSample> Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var samples = new List<PrometheusSample>();
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            var labels = new Dictionary<string, string>(StringComparer.Ordinal);
            string name;
            string rest;
            var brace = line.IndexOf('{', StringComparison.Ordinal);
            var space = line.IndexOf(' ', StringComparison.Ordinal);
            if (brace >= 0 && (space < 0 || brace < space))
            {
                name = line[..brace];
                var close = ReadLabels(line, brace + 1, labels);
                rest = line[(close + 1)..].Trim();
            }
            else if (space > 0)
            {
                name = line[..space];
                rest = line[(space + 1)..].Trim();
            }
            else
            {
                continue;
            }

            // "value [timestamp]"
            var number = rest.Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault();
            if (number is not null && TryParseNumber(number, out var value))
            {
                samples.Add(new PrometheusSample(name, labels, value));
            }
        }

        return samples;
    }

    /// <summary>Sum of every sample of <paramref name="name"/> (all label sets), optionally filtered.</summary>
    public static double Sum(this IEnumerable<PrometheusSample> samples, string name, Func<PrometheusSample, bool>? where = null) =>
        samples.Where(s => string.Equals(s.Name, name, StringComparison.Ordinal) && (where is null || where(s))).Sum(s => s.Value);

    /// <summary>Sums of <paramref name="name"/> grouped by the value of <paramref name="label"/>.</summary>
    public static IReadOnlyDictionary<string, double> SumBy(this IEnumerable<PrometheusSample> samples, string name, string label) =>
        samples.Where(s => string.Equals(s.Name, name, StringComparison.Ordinal))
            .GroupBy(s => s.Label(label), StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Sum(s => s.Value), StringComparer.Ordinal);

    private static int ReadLabels(string line, int index, Dictionary<string, string> labels)
    {
        while (index < line.Length && line[index] != '}')
        {
            var equals = line.IndexOf('=', index);
            if (equals < 0)
            {
                break;
            }

            var key = line[index..equals].Trim().TrimStart(',').Trim();
            var value = new System.Text.StringBuilder();
            var i = equals + 2; // past ="
            for (; i < line.Length && line[i] != '"'; i++)
            {
                if (line[i] == '\\' && i + 1 < line.Length)
                {
                    i++;
                    value.Append(line[i] == 'n' ? '\n' : line[i]);
                }
                else
                {
                    value.Append(line[i]);
                }
            }

            labels[key] = value.ToString();
            index = i + 1;
            while (index < line.Length && line[index] is ',' or ' ')
            {
                index++;
            }
        }

        return index < line.Length ? index : line.Length - 1;
    }

    private static bool TryParseNumber(string text, out double value)
    {
        switch (text)
        {
            case "+Inf":
                value = double.PositiveInfinity;
                return true;
            case "-Inf":
                value = double.NegativeInfinity;
                return true;
            case "NaN":
                value = double.NaN;
                return true;
            default:
                return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value);
        }
    }
}
