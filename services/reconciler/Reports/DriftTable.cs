using System.Globalization;
using Connector.Reconciler.Drift;

namespace Connector.Reconciler.Reports;

/// <summary>The report as a table for people: counts by kind, then the first differences.</summary>
public static class DriftTable
{
    private const int IdWidth = 12;
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>Writes <paramref name="report"/>, listing at most <paramref name="show"/> of its items.</summary>
    public static void Write(TextWriter output, ReconciliationReport report, int show)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(report);
        var mode = report.DryRun ? "dry run" : "repair run";
        output.WriteLine(string.Create(Invariant, $"Reconciliation ({mode}) {report.Outcome} at {report.CompletedAt.UtcDateTime:yyyy-MM-dd'T'HH:mm:ss'Z'} in {report.DurationSeconds:0.0} s"));
        if (report.Error is { } error)
        {
            output.WriteLine($"Error: {error}");
        }

        var openCti = report.OpenCti;
        output.WriteLine(
            $"OpenCTI: {N(openCti.Indicators)} indicators ({N(openCti.ReleasedIndicators)} released, {N(openCti.IndicatorsWithoutIocs)} without IOC) "
            + $"→ {N(openCti.DesiredIocs)} IOCs wanted ({N(openCti.UnwritableIocs)} unwritable), {N(openCti.Pages)} pages");
        var falcon = report.Falcon;
        output.WriteLine(
            $"Falcon:  {N(falcon.OwnedIocs)} IOCs owned by this connector ({N(falcon.DisarmedIocs)} TO_DELETE), {N(falcon.Requests)} API requests");
        output.WriteLine();

        var kindWidth = Math.Max("total drift".Length, DriftKinds.All.Max(k => k.Name().Length));
        output.WriteLine($"{"KIND".PadRight(kindWidth)}  {"COUNT",7}  REPAIR");
        foreach (var kind in DriftKinds.All)
        {
            output.WriteLine($"{kind.Name().PadRight(kindWidth)}  {N(report.Drift.Of(kind)),7}  {kind.Repair()}");
        }

        output.WriteLine($"{"total drift".PadRight(kindWidth)}  {N(report.Drift.Total),7}");

        var listed = report.Items.Take(Math.Max(0, show)).ToList();
        var all = report.Items.Count + report.ItemsNotListed;
        if (listed.Count > 0)
        {
            output.WriteLine();
            output.WriteLine($"First {N(listed.Count)} of {N(all)} differences:");
            var typeWidth = Math.Max(4, listed.Max(i => i.Type.Length));
            var valueWidth = Math.Max(5, listed.Max(i => i.Value.Length));
            output.WriteLine($"{"KIND".PadRight(kindWidth)}  {"TYPE".PadRight(typeWidth)}  {"VALUE".PadRight(valueWidth)}  {"FALCON ID".PadRight(IdWidth + 1)}  DETAIL");
            foreach (var item in listed)
            {
                output.WriteLine(
                    $"{item.Kind.PadRight(kindWidth)}  {item.Type.PadRight(typeWidth)}  {item.Value.PadRight(valueWidth)}  {ShortId(item.FalconId).PadRight(IdWidth + 1)}  {item.Detail}");
            }
        }

        output.WriteLine();
        output.WriteLine(report.DryRun
            ? "Dry run: nothing was sent. Run without --dry-run to repair."
            : $"Sent {N(report.Repairs.Total)} repair messages: {N(report.Repairs.IndicatorChanged)} IndicatorChanged, {N(report.Repairs.IocObserved)} IocObserved, "
              + $"{N(report.Repairs.IocOrphaned)} IocOrphaned, {N(report.Repairs.RedriveStuckWrites)} RedriveStuckWrites.");
    }

    private static string N(long value) => value.ToString("N0", Invariant);

    private static string ShortId(string? id) =>
        id is null ? "-" : id.Length <= IdWidth ? id : string.Concat(id.AsSpan(0, IdWidth), "…");
}
