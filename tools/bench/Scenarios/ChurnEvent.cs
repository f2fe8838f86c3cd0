using System.Text.Json.Nodes;
using Bench.Probes;
using Connector.Contracts;

namespace Bench.Scenarios;

/// <summary>The kinds of live change the bench makes in opencti-sim.</summary>
internal enum ChurnKind
{
    Create,
    Update,
    Delete,
}

/// <summary>
/// One live change made in opencti-sim and the Falcon state it must lead to: per IOC, the fields Falcon must hold. Each
/// IOC is touched by at most one change of a run, so the IOC's last write time in Falcon is this change's arrival.
/// </summary>
internal sealed class ChurnEvent
{
    public required ChurnKind Kind { get; init; }

    /// <summary>The indicator changed (internal or STIX id); null for a create.</summary>
    public string? IndicatorId { get; init; }

    /// <summary>The new indicator, for a create.</summary>
    public IndicatorDraft? Draft { get; init; }

    /// <summary>The fields changed, for an update.</summary>
    public JsonObject? Changes { get; init; }

    /// <summary>What Falcon must hold afterwards, per IOC.</summary>
    public required IReadOnlyDictionary<IocKey, FalconIocFields> Outcome { get; init; }

    /// <summary>When the bench asked opencti-sim for the change (the event is emitted while that call runs).</summary>
    public DateTimeOffset? EmittedAt { get; set; }

    /// <summary>Why opencti-sim refused the change, if it did.</summary>
    public string? HookError { get; set; }

    /// <summary>When Falcon held the whole outcome (the last write among its IOCs), once seen.</summary>
    public DateTimeOffset? ResolvedAt { get; set; }

    /// <summary>From emission to Falcon holding the outcome.</summary>
    public TimeSpan? Latency => EmittedAt is { } emitted && ResolvedAt is { } resolved ? resolved - emitted : null;

    /// <summary>Sends the change to opencti-sim.</summary>
    public async Task EmitAsync(OpenCtiSimProbe openCti, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(openCti);
        ArgumentNullException.ThrowIfNull(time);
        EmittedAt = time.GetUtcNow();
        try
        {
            switch (Kind)
            {
                case ChurnKind.Create:
                    await openCti.CreateAsync(Draft!, cancellationToken);
                    break;
                case ChurnKind.Update:
                    await openCti.UpdateAsync(IndicatorId!, Changes!, cancellationToken);
                    break;
                default:
                    await openCti.DeleteAsync(IndicatorId!, cancellationToken);
                    break;
            }
        }
        catch (Exception ex) when (ex is BenchException or HttpRequestException)
        {
            HookError = ex.Message;
        }
    }
}
