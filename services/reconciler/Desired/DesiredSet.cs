using Connector.Contracts;
using Connector.Domain.Indicators;

namespace Connector.Reconciler.Desired;

/// <summary>
/// What the live stream would make Falcon hold: the IOC claims of every indicator matching the stream's filters,
/// keyed by IOC. Released indicators (revoked, expired) claim nothing, as on the stream.
/// </summary>
public sealed class DesiredSet
{
    private readonly Dictionary<IocKey, DesiredIoc> _iocs = [];

    /// <summary>The claimed IOCs.</summary>
    public IReadOnlyDictionary<IocKey, DesiredIoc> Iocs => _iocs;

    /// <summary>Indicators listed.</summary>
    public int Indicators { get; private set; }

    /// <summary>Indicators that release their IOCs (revoked, or past <c>valid_until</c>).</summary>
    public int ReleasedIndicators { get; private set; }

    /// <summary>Wanted indicators whose pattern yields no IOC (another pattern language, unsupported terms).</summary>
    public int IndicatorsWithoutIocs { get; private set; }

    /// <summary>Pattern terms or values that yield no IOC, over all indicators.</summary>
    public int SkippedValues { get; private set; }

    /// <summary>Pages read from OpenCTI.</summary>
    public int Pages { get; internal set; }

    /// <summary>Adds one indicator, read with <see cref="IndicatorReader"/> (the stream's own code path).</summary>
    /// <param name="reading">The reading of the indicator.</param>
    /// <param name="internalId">OpenCTI's internal id.</param>
    /// <param name="version">The indicator's <c>updated_at</c>.</param>
    public void Add(IndicatorReading reading, string? internalId, DateTimeOffset version)
    {
        ArgumentNullException.ThrowIfNull(reading);
        Indicators++;
        SkippedValues += reading.Skipped.Count;
        if (!reading.IsWanted)
        {
            ReleasedIndicators++;
            return;
        }

        if (reading.Claims.Count == 0)
        {
            IndicatorsWithoutIocs++;
            return;
        }

        foreach (var claim in reading.Claims)
        {
            if (!_iocs.TryGetValue(claim.Key, out var ioc))
            {
                ioc = new DesiredIoc();
                _iocs.Add(claim.Key, ioc);
            }

            ioc.Add(new DesiredClaim(reading.IndicatorId, internalId, claim.Attributes, version));
        }
    }
}
