using System.Diagnostics.CodeAnalysis;
using System.Text;
using Connector.Hosting.Configuration;
using Microsoft.Extensions.Options;

namespace Connector.Hosting.ServiceDefaults;

/// <summary>Recognises configuration failures among start-up exceptions and words them for a person.</summary>
internal static class StartupFailure
{
    public static bool TryGetProblems(Exception exception, [NotNullWhen(true)] out IReadOnlyList<string>? problems)
    {
        var found = new List<string>();
        if (!Collect(exception, found) || found.Count == 0)
        {
            problems = null;
            return false;
        }

        problems = found.Distinct(StringComparer.Ordinal).ToList();
        return true;
    }

    public static string Format(string service, IReadOnlyList<string> problems, string configFile)
    {
        var text = new StringBuilder();
        text.Append(service).Append(" cannot start: ")
            .Append(problems.Count == 1 ? "1 setting needs" : $"{problems.Count} settings need")
            .AppendLine(" fixing.");
        foreach (var problem in problems)
        {
            text.Append("  - ").AppendLine(problem);
        }

        text.Append("Settings are read from environment variables first, then ").Append(configFile).AppendLine(", then defaults.");
        return text.ToString();
    }

    // Only configuration failures qualify; anything else mixed in keeps its stack trace.
    private static bool Collect(Exception exception, List<string> problems)
    {
        switch (exception)
        {
            case OptionsValidationException validation:
                problems.AddRange(validation.Failures);
                return true;
            case ConfigurationFileException file:
                problems.Add(file.Message);
                return true;
            case AggregateException aggregate:
                return aggregate.InnerExceptions.Count > 0 && aggregate.InnerExceptions.All(inner => Collect(inner, problems));
            default:
                return false;
        }
    }
}
