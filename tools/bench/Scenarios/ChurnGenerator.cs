using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Bench.Expectations;
using Bench.Probes;
using Connector.Contracts;
using Connector.Domain.Falcon;
using OpenCtiSnapshot = Connector.OpenCti.IndicatorSnapshot;

namespace Bench.Scenarios;

/// <summary>
/// Makes the live changes of a churn: creates of new indicators (new values, a mix of IOC types), updates (a label and
/// the score) and deletes of indicators already in Falcon. Updates and deletes only pick indicators that alone claim
/// their IOCs, and every IOC is touched once, so each change has one exact expected outcome, computed with the Domain's
/// rules. The mix repeats every ten changes: four creates, four updates, two deletes.
/// </summary>
internal sealed class ChurnGenerator
{
    /// <summary>The label every update adds; it becomes a Falcon tag, so every update changes the IOC.</summary>
    public const string ChurnLabel = "bench-churn";

    private static readonly ChurnKind[] Mix =
    [
        ChurnKind.Create, ChurnKind.Update, ChurnKind.Create, ChurnKind.Update, ChurnKind.Delete,
        ChurnKind.Create, ChurnKind.Update, ChurnKind.Create, ChurnKind.Update, ChurnKind.Delete,
    ];

    private static readonly string[][] PlatformChoices = [["windows"], ["windows", "linux"], ["macos", "windows"], []];

    private readonly ExpectedIocs _expected;
    private readonly IocPolicy _policy;
    private readonly TimeProvider _time;
    private readonly Queue<IndicatorExpectation> _targets;
    private readonly string _tag;
    private readonly Random _random;
    private int _next;
    private int _created;

    public ChurnGenerator(ExpectedIocs expected, IocPolicy policy, TimeProvider time, int seed)
    {
        ArgumentNullException.ThrowIfNull(expected);
        _expected = expected;
        _policy = policy;
        _time = time;
        _random = new Random(seed);
        _tag = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(3));

        // Indicators whose IOCs are theirs alone, in a shuffled order.
        var candidates = expected.Indicators
            .Where(i => i.Keys.Count > 0 && i.Keys.All(k => expected.Claimants.GetValueOrDefault(k) == 1))
            .ToArray();
        _random.Shuffle(candidates);
        _targets = new Queue<IndicatorExpectation>(candidates);
    }

    /// <summary>Indicators still available for updates and deletes.</summary>
    public int TargetsLeft => _targets.Count;

    /// <summary>How many indicators a churn of <paramref name="events"/> changes needs in its base (updates and deletes), with margin.</summary>
    public static int BaseIndicatorsFor(int events) => Math.Max(2000, (int)Math.Ceiling(events * 0.6 / 0.5));

    /// <summary>The next change. When no target is left, updates and deletes turn into creates.</summary>
    public ChurnEvent Next()
    {
        var kind = Mix[_next++ % Mix.Length];
        if (kind != ChurnKind.Create && _targets.TryDequeue(out var target))
        {
            return kind == ChurnKind.Update ? Update(target) : Delete(target);
        }

        return Create();
    }

    private ChurnEvent Update(IndicatorExpectation target)
    {
        var before = target.Snapshot;
        var score = (before.Score ?? 50) >= 50 ? _random.Next(0, 40) : _random.Next(60, 101);
        var labels = before.Labels.Append(ChurnLabel).Distinct(StringComparer.Ordinal).ToArray();
        var after = before with { Labels = labels, Score = score };
        var now = _time.GetUtcNow();
        var outcome = target.Keys.ToDictionary(key => key, key => ExpectedIocs.FieldsFor(after, key, _policy, now)
            ?? throw new InvalidOperationException($"the rules no longer enforce {key} after the update"));
        var changes = new JsonObject
        {
            ["labels"] = new JsonArray([.. labels.Select(l => (JsonNode?)JsonValue.Create(l))]),
            ["score"] = score,
        };
        return new ChurnEvent { Kind = ChurnKind.Update, IndicatorId = IdOf(before), Changes = changes, Outcome = outcome };
    }

    private ChurnEvent Delete(IndicatorExpectation target)
    {
        // The soft delete of the default policy: same fields, TO_DELETE tag, disarmed.
        var outcome = target.Keys.ToDictionary(key => key, key => FalconFieldRules.Disarm(_expected.Fields[key], _policy));
        return new ChurnEvent { Kind = ChurnKind.Delete, IndicatorId = IdOf(target.Snapshot), Outcome = outcome };
    }

    private ChurnEvent Create()
    {
        var now = _time.GetUtcNow();
        while (true)
        {
            var n = _created++;
            var (pattern, name) = NewPattern(n);
            var draft = new IndicatorDraft(
                pattern,
                name,
                n % 3 == 0 ? null : string.Create(CultureInfo.InvariantCulture, $"Live churn indicator {n} of bench run {_tag}."),
                n % 7 == 0 ? null : _random.Next(0, 101),
                n % 2 == 0 ? [ChurnLabel] : [ChurnLabel, "c2"],
                PlatformChoices[n % PlatformChoices.Length],
                // Whole seconds: OpenCTI keeps milliseconds, and the expected expiration must be the one Falcon gets.
                n % 5 == 0 ? DateTimeOffset.FromUnixTimeSeconds(now.ToUnixTimeSeconds()).AddDays(30 + (n % 200)) : null);
            var snapshot = new OpenCtiSnapshot
            {
                Id = "indicator--bench",
                Pattern = draft.Pattern,
                PatternType = "stix",
                Name = draft.Name,
                Description = draft.Description,
                Score = draft.Score,
                Labels = draft.Labels,
                Platforms = draft.Platforms,
                ValidUntil = draft.ValidUntil,
            };
            var keys = ExpectedIocs.KeysOf(snapshot, now);
            if (keys.Count == 0 || keys.Any(_expected.Fields.ContainsKey))
            {
                continue;
            }

            var outcome = keys.ToDictionary(key => key, key => ExpectedIocs.FieldsFor(snapshot, key, _policy, now)
                ?? throw new InvalidOperationException($"the rules do not enforce the new {key}"));
            return new ChurnEvent { Kind = ChurnKind.Create, Draft = draft, Outcome = outcome };
        }
    }

    // Values no generator makes: names and hashes derived from this run's tag.
    private (string Pattern, string Name) NewPattern(int n)
    {
        var digest = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{_tag}-{n}"))));
        switch (n % 5)
        {
            case 0:
                var domain = string.Create(CultureInfo.InvariantCulture, $"churn-{_tag}-{n}.bench.example");
                return ($"[domain-name:value = '{domain}']", domain);
            case 1:
                return ($"[file:hashes.'SHA-256' = '{digest}']", digest);
            case 2:
                return ($"[file:hashes.MD5 = '{digest[..32]}']", digest[..32]);
            case 3:
                var ipv6 = string.Create(CultureInfo.InvariantCulture, $"fd00:{_tag[..4]}:{n / 65536:x}::{n % 65536:x}");
                return ($"[ipv6-addr:value = '{ipv6}']", ipv6);
            default:
                var second = string.Create(CultureInfo.InvariantCulture, $"churn-{_tag}-{n}-b.bench.example");
                return ($"[domain-name:value = 'churn-{_tag}-{n}-a.bench.example' OR domain-name:value = '{second}']", second);
        }
    }

    private static string IdOf(OpenCtiSnapshot indicator) => indicator.InternalId ?? indicator.Id;
}
