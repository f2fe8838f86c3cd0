using Connector.Reconciler.Reports;

namespace Connector.Reconciler.Runs;

/// <summary>Compares OpenCTI with Falcon once and repairs the differences through messages.</summary>
public interface IReconciler
{
    /// <summary>
    /// Makes one run (runs never overlap in a process: a second call waits) and returns its report, which also becomes
    /// the latest in <see cref="ReportStore"/>. A failed run is recorded as such and its exception rethrown.
    /// </summary>
    Task<ReconciliationReport> RunAsync(ReconciliationRequest request, CancellationToken cancellationToken);
}
