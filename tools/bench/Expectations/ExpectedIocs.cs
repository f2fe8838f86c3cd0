using Connector.Contracts;
using Connector.Domain.Falcon;
using Connector.Domain.Indicators;
using DomainSnapshot = Connector.Domain.Indicators.IndicatorSnapshot;
using OpenCtiSnapshot = Connector.OpenCti.IndicatorSnapshot;

namespace Bench.Expectations;

/// <summary>One OpenCTI indicator and the IOCs it makes Falcon hold.</summary>
/// <param name="Snapshot">The indicator as OpenCTI lists it.</param>
/// <param name="Keys">The IOCs it claims and the field rules enforce (empty when it wants none).</param>
internal sealed record IndicatorExpectation(OpenCtiSnapshot Snapshot, IReadOnlyList<IocKey> Keys);

/// <summary>
/// What Falcon must hold once the connector caught up with a set of OpenCTI indicators, computed with the very rules the
/// services use (<see cref="IndicatorReader"/>, <see cref="FalconFieldRules"/>, <see cref="DesiredStateRules"/>), so the
/// bench checks the pipeline against the Domain's answer rather than against a number it assumes.
/// </summary>
internal sealed class ExpectedIocs
{
    private ExpectedIocs(
        IReadOnlyDictionary<IocKey, FalconIocFields> fields,
        IReadOnlyDictionary<IocKey, int> claimants,
        IReadOnlyList<IndicatorExpectation> indicators,
        ExpectationSummary summary)
    {
        Fields = fields;
        Claimants = claimants;
        Indicators = indicators;
        Summary = summary;
    }

    /// <summary>Each IOC Falcon must hold, with the fields it must have.</summary>
    public IReadOnlyDictionary<IocKey, FalconIocFields> Fields { get; }

    /// <summary>How many indicators claim each IOC.</summary>
    public IReadOnlyDictionary<IocKey, int> Claimants { get; }

    /// <summary>Every indicator, with the IOCs it makes Falcon hold.</summary>
    public IReadOnlyList<IndicatorExpectation> Indicators { get; }

    /// <summary>Counts for the report.</summary>
    public ExpectationSummary Summary { get; }

    /// <summary>The IOC count Falcon must reach.</summary>
    public int Count => Fields.Count;

    /// <summary>Applies the Domain's rules to every indicator, as ioc-sync would after receiving all of them.</summary>
    public static ExpectedIocs Compute(IEnumerable<OpenCtiSnapshot> indicators, IocPolicy policy, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(indicators);
        ArgumentNullException.ThrowIfNull(policy);

        var wanted = new Dictionary<IocKey, List<FalconIocFields>>();
        var list = new List<IndicatorExpectation>();
        var notEnforced = new Dictionary<string, int>(StringComparer.Ordinal);
        int count = 0, released = 0, withoutIoc = 0, claims = 0;
        foreach (var indicator in indicators)
        {
            count++;
            var reading = IndicatorReader.Read(ToDomain(indicator), now);
            if (reading.Claims.Count == 0)
            {
                withoutIoc++;
            }

            if (!reading.IsWanted)
            {
                released++;
                list.Add(new IndicatorExpectation(indicator, []));
                continue;
            }

            var keys = new List<IocKey>(reading.Claims.Count);
            foreach (var claim in reading.Claims)
            {
                claims++;
                var decision = FalconFieldRules.Decide(claim.Key.Type, claim.Attributes, policy, now);
                if (decision is { IsEnforced: true, Fields: { } fields })
                {
                    keys.Add(claim.Key);
                    if (!wanted.TryGetValue(claim.Key, out var claimants))
                    {
                        wanted[claim.Key] = claimants = [];
                    }

                    claimants.Add(fields);
                }
                else
                {
                    var reason = decision.Kind.ToString();
                    notEnforced[reason] = notEnforced.GetValueOrDefault(reason) + 1;
                }
            }

            list.Add(new IndicatorExpectation(indicator, keys));
        }

        var combined = wanted.ToDictionary(pair => pair.Key, pair => DesiredStateRules.Combine(pair.Value)!);
        var claimantCounts = wanted.ToDictionary(pair => pair.Key, pair => pair.Value.Count);
        var summary = new ExpectationSummary(count, released, withoutIoc, claims, combined.Count, notEnforced);
        return new ExpectedIocs(combined, claimantCounts, list, summary);
    }

    /// <summary>The fields one indicator alone wants for one of its IOCs (null when the rules enforce none).</summary>
    public static FalconIocFields? FieldsFor(OpenCtiSnapshot indicator, IocKey key, IocPolicy policy, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(indicator);
        var reading = IndicatorReader.Read(ToDomain(indicator), now);
        if (!reading.IsWanted)
        {
            return null;
        }

        var claim = reading.Claims.FirstOrDefault(c => c.Key == key);
        return claim is not null && FalconFieldRules.Decide(key.Type, claim.Attributes, policy, now) is { IsEnforced: true, Fields: { } fields }
            ? fields
            : null;
    }

    /// <summary>The IOC keys an indicator's pattern names, whatever the rest of the indicator says.</summary>
    public static IReadOnlyList<IocKey> KeysOf(OpenCtiSnapshot indicator, DateTimeOffset now) =>
        [.. IndicatorReader.Read(ToDomain(indicator), now).Claims.Select(c => c.Key)];

    // The same mapping stream-ingest makes from a frame's indicator to the Domain's.
    private static DomainSnapshot ToDomain(OpenCtiSnapshot indicator) => new()
    {
        Id = indicator.Id,
        PatternType = indicator.PatternType,
        Pattern = indicator.Pattern,
        Revoked = indicator.Revoked,
        ValidUntil = indicator.ValidUntil,
        Score = indicator.Score,
        Platforms = indicator.Platforms,
        Labels = indicator.Labels,
        Description = indicator.Description,
        Name = indicator.Name,
    };
}

/// <summary>What the indicators amount to.</summary>
/// <param name="Indicators">Indicators listed.</param>
/// <param name="Released">Revoked or past their <c>valid_until</c>: they want no IOC.</param>
/// <param name="WithoutIoc">Their pattern yields no supported IOC (unsupported observable, AND, qualifier, other pattern type).</param>
/// <param name="Claims">(indicator, IOC) pairs of wanted indicators.</param>
/// <param name="Iocs">Distinct IOCs Falcon must hold.</param>
/// <param name="NotEnforced">Claims the field rules turn down, by reason (e.g. no usable platform).</param>
internal sealed record ExpectationSummary(
    int Indicators, int Released, int WithoutIoc, int Claims, int Iocs, IReadOnlyDictionary<string, int> NotEnforced);
