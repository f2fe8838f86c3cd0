namespace Connector.Reconciler.Runs;

/// <summary>One run to make.</summary>
/// <param name="Trigger">What started it, for logs and the report (<c>interval</c>, <c>requested: history-trimmed</c>, <c>command</c>).</param>
/// <param name="DryRun">Only report: send nothing.</param>
public sealed record ReconciliationRequest(string Trigger, bool DryRun)
{
    /// <summary>Items to list in the report; null for <c>RECONCILER_REPORT_ITEMS</c>.</summary>
    public int? ReportItems { get; init; }
}
