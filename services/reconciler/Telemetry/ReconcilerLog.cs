namespace Connector.Reconciler.Telemetry;

/// <summary>The reconciler's log lines (event ids 5100–5199). IOC values and secrets are never logged.</summary>
internal static partial class ReconcilerLog
{
    [LoggerMessage(5100, LogLevel.Information, "Reconciliation run {Run} starting ({Trigger}, dry run: {DryRun})")]
    public static partial void RunStarting(this ILogger logger, long run, string trigger, bool dryRun);

    [LoggerMessage(5101, LogLevel.Information,
        "Reconciliation run {Run} completed in {DurationSeconds:0.0} s: {Missing} missing, {Stale} stale, {Orphan} orphan, {DisarmedDesired} disarmed-desired, "
        + "{ExpiredToDelete} expired-to-delete, {OwnedElsewhere} owned elsewhere; {RepairMessages} repair messages sent")]
    public static partial void RunCompleted(
        this ILogger logger, long run, double durationSeconds, int missing, int stale, int orphan, int disarmedDesired, int expiredToDelete, int ownedElsewhere, int repairMessages);

    [LoggerMessage(5102, LogLevel.Error, "Reconciliation run {Run} failed after {DurationSeconds:0.0} s ({Trigger})")]
    public static partial void RunFailed(this ILogger logger, long run, double durationSeconds, string trigger, Exception exception);

    [LoggerMessage(5103, LogLevel.Information, "OpenCTI: {Indicators} indicators listed so far (of {Total}), {Pages} pages")]
    public static partial void OpenCtiProgress(this ILogger logger, int indicators, long? total, int pages);

    [LoggerMessage(5104, LogLevel.Information, "OpenCTI: {Indicators} indicators listed in {Pages} pages; {DesiredIocs} IOCs wanted, {Released} indicators released")]
    public static partial void OpenCtiListed(this ILogger logger, int indicators, int desiredIocs, int released, int pages);

    [LoggerMessage(5105, LogLevel.Information, "Falcon: {Iocs} owned IOCs listed so far, {Pages} pages")]
    public static partial void FalconProgress(this ILogger logger, int iocs, int pages);

    [LoggerMessage(5106, LogLevel.Information, "Falcon: {Iocs} owned IOCs listed in {Pages} pages")]
    public static partial void FalconListed(this ILogger logger, int iocs, int pages);

    [LoggerMessage(5107, LogLevel.Information, "Repairs: {Sent} of {Total} messages sent so far")]
    public static partial void RepairProgress(this ILogger logger, int sent, int total);

    [LoggerMessage(5108, LogLevel.Information, "Reconciliation requested ({Reason}); it runs as soon as the current one, if any, ends")]
    public static partial void RunRequested(this ILogger logger, string reason);

    [LoggerMessage(5109, LogLevel.Debug, "Reconciliation requested ({Reason}) while another request is pending: merged with it")]
    public static partial void RequestCoalesced(this ILogger logger, string reason);

    [LoggerMessage(5110, LogLevel.Information, "Reconciliation scheduled every {IntervalMinutes} minutes, first run in {FirstRunDelaySeconds} s")]
    public static partial void Scheduled(this ILogger logger, int intervalMinutes, int firstRunDelaySeconds);

    [LoggerMessage(5111, LogLevel.Information, "Reconciliation runs only when requested (interval 0)")]
    public static partial void OnRequestOnly(this ILogger logger);
}
