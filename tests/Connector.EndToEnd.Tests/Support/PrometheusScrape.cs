using System.Globalization;
using System.Text;

namespace Connector.EndToEnd.Tests.Support;

/// <summary>One sample line of the Prometheus text format: <c>name{label="value",…} 12.5</c>.</summary>
public sealed record MetricSample(string Name, IReadOnlyDictionary<string, string> Labels, double Value)
{
    public bool Matches(IReadOnlyDictionary<string, string> labels) =>
        labels.All(l => Labels.TryGetValue(l.Key, out var value) && value == l.Value);

    public override string ToString() => $"{Name}{{{string.Join(",", Labels.Select(l => $"{l.Key}=\"{l.Value}\""))}}} {Value.ToString(CultureInfo.InvariantCulture)}";
}

/// <summary>A service's <c>/metrics</c> answer, parsed: the samples, and sums over the ones matching some labels.</summary>
public sealed class PrometheusScrape
{
    private PrometheusScrape(string service, IReadOnlyList<MetricSample> samples)
    {
        Service = service;
        Samples = samples;
    }

    public string Service { get; }

    public IReadOnlyList<MetricSample> Samples { get; }

    public static PrometheusScrape Parse(string service, string text)
    {
        var samples = new List<MetricSample>();
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            samples.Add(ParseLine(line));
        }

        return new PrometheusScrape(service, samples);
    }

    /// <summary>The samples of <paramref name="name"/> whose labels include <paramref name="labels"/> (<c>"key=value"</c> each).</summary>
    public IReadOnlyList<MetricSample> Of(string name, params string[] labels)
    {
        var wanted = Labels(labels);
        return [.. Samples.Where(s => s.Name == name && s.Matches(wanted))];
    }

    /// <summary>The sum over <see cref="Of"/>; 0 when there is none (a counter not incremented yet is not exported).</summary>
    public double Sum(string name, params string[] labels) => Of(name, labels).Sum(s => s.Value);

    /// <summary>The one sample of <paramref name="name"/> with <paramref name="labels"/>; throws when there is none or several.</summary>
    public double One(string name, params string[] labels)
    {
        var found = Of(name, labels);
        return found.Count == 1
            ? found[0].Value
            : throw new InvalidOperationException($"{Service}: expected one {name} {string.Join(",", labels)}, found {found.Count}:\n{Dump(name)}");
    }

    /// <summary>The lines of metrics whose name starts with <paramref name="prefix"/>, for failure messages.</summary>
    public string Dump(string prefix) =>
        string.Join("\n", Samples.Where(s => s.Name.StartsWith(prefix, StringComparison.Ordinal)).Select(s => "  " + s));

    private static Dictionary<string, string> Labels(string[] pairs) =>
        pairs.Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => p[1], StringComparer.Ordinal);

    private static MetricSample ParseLine(string line)
    {
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        var nameEnd = line.IndexOfAny(['{', ' ']);
        var name = line[..nameEnd];
        var position = nameEnd;
        if (line[position] == '{')
        {
            position++;
            while (line[position] != '}')
            {
                var equals = line.IndexOf('=', position);
                var key = line[position..equals].Trim(',', ' ');
                position = equals + 2; // past ="
                var value = new StringBuilder();
                while (line[position] != '"')
                {
                    if (line[position] == '\\')
                    {
                        position++;
                        value.Append(line[position] == 'n' ? '\n' : line[position]);
                    }
                    else
                    {
                        value.Append(line[position]);
                    }

                    position++;
                }

                labels[key] = value.ToString();
                position++; // past the closing quote
                if (line[position] == ',')
                {
                    position++;
                }
            }

            position++; // past }
        }

        // The value, then an optional timestamp.
        var text = line[position..].Trim().Split(' ')[0];
        var number = text switch
        {
            "+Inf" => double.PositiveInfinity,
            "-Inf" => double.NegativeInfinity,
            "NaN" => double.NaN,
            _ => double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture),
        };
        return new MetricSample(name, labels, number);
    }
}
