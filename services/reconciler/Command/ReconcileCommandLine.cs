using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Connector.Reconciler.Command;

/// <summary>The arguments of <c>reconcile [--dry-run] [--show N] [--json]</c>.</summary>
public sealed record ReconcileCommandLine
{
    /// <summary>Items listed when <c>--show</c> is not given.</summary>
    public const int DefaultShow = 20;

    /// <summary>The usage text.</summary>
    public const string Usage =
        """
        Usage: reconciler reconcile [--dry-run] [--show N] [--json]

        Compares what the OpenCTI live stream wants (CONNECTOR_LIVE_STREAM_ID) with what Falcon holds for this
        connector, prints the differences, and repairs them through ioc-sync (never writing Falcon itself).

          --dry-run   only print the differences; send nothing. Exit code 1 when Falcon is out of step.
          --show N    list the first N differences (default 20; 0 lists none).
          --json      print the report as JSON instead of a table.

        Exit codes: 0 in step (or repairs sent), 1 drift found (dry run), 2 bad settings or arguments, 3 run failed.
        """;

    public bool DryRun { get; init; }

    public int Show { get; init; } = DefaultShow;

    public bool Json { get; init; }

    public bool Help { get; init; }

    /// <summary>Reads the arguments after the command's name.</summary>
    public static bool TryParse(IReadOnlyList<string> arguments, [NotNullWhen(true)] out ReconcileCommandLine? line, [NotNullWhen(false)] out string? problem)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        line = new ReconcileCommandLine();
        problem = null;
        for (var i = 0; i < arguments.Count; i++)
        {
            var argument = arguments[i];
            string? value = null;
            var equals = argument.IndexOf('=', StringComparison.Ordinal);
            if (argument.StartsWith("--", StringComparison.Ordinal) && equals > 0)
            {
                value = argument[(equals + 1)..];
                argument = argument[..equals];
            }

            switch (argument)
            {
                case "--dry-run":
                    line = line with { DryRun = true };
                    break;
                case "--json":
                    line = line with { Json = true };
                    break;
                case "--help" or "-h":
                    line = line with { Help = true };
                    break;
                case "--show":
                    value ??= i + 1 < arguments.Count ? arguments[++i] : null;
                    if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var show))
                    {
                        problem = $"--show needs a number of differences to list, 0 or more; got '{value}'.";
                        line = null;
                        return false;
                    }

                    line = line with { Show = show };
                    break;
                default:
                    problem = $"Unknown argument '{arguments[i]}'.";
                    line = null;
                    return false;
            }
        }

        return true;
    }
}
