namespace Connector.Reconciler.Reports;

/// <summary>The latest reports, for <c>/report</c> and the metrics.</summary>
public sealed class ReportStore
{
    private volatile ReconciliationReport? _last;
    private volatile ReconciliationReport? _lastCompleted;

    /// <summary>The latest run, completed or failed; null before the first.</summary>
    public ReconciliationReport? Last => _last;

    /// <summary>The latest completed run: the drift gauges show it, so a failed run does not blank them.</summary>
    public ReconciliationReport? LastCompleted => _lastCompleted;

    internal void Record(ReconciliationReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        _last = report;
        if (report.Completed)
        {
            _lastCompleted = report;
        }
    }
}
