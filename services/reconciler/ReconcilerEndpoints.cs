using Connector.Reconciler.Reports;

namespace Connector.Reconciler;

/// <summary>The reconciler's own HTTP endpoint, next to <c>/health/*</c> and <c>/metrics</c> on the service's listener.</summary>
public static class ReconcilerEndpoints
{
    /// <summary>The latest run's report as JSON (<see cref="ReportJson"/>); 404 before the first run.</summary>
    public const string ReportPath = "/report";

    /// <summary>Maps <c>GET /report</c>.</summary>
    public static IEndpointRouteBuilder MapReconcilerEndpoints(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        endpoints.MapGet(ReportPath, (ReportStore reports) => reports.Last is { } report
            ? Results.Json(report, ReportJson.Options)
            : Results.Json(new NoReport("no reconciliation has run yet"), ReportJson.Options, statusCode: StatusCodes.Status404NotFound));
        return endpoints;
    }

    private sealed record NoReport(string Error);
}
