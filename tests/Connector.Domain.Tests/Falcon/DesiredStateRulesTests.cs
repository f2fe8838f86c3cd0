using Connector.Contracts;
using Connector.Domain.Falcon;

namespace Connector.Domain.Tests.Falcon;

public sealed class DesiredStateRulesTests
{
    private static readonly DateTimeOffset T = new(2025, 6, 1, 0, 0, 0, TimeSpan.Zero);

    private static readonly FalconIocFields Base = new()
    {
        Action = "detect",
        MobileAction = "detect",
        Severity = "medium",
        Platforms = ["windows"],
        Tags = ["a"],
        Description = "base",
        Expiration = T,
        Source = "OpenCTI IOC",
    };

    [Fact]
    public void No_claimant_wants_nothing()
    {
        Assert.Null(DesiredStateRules.Combine([]));
    }

    [Fact]
    public void One_claimant_is_the_desired_state()
    {
        Assert.Equal(Base, DesiredStateRules.Combine([Base]));
    }

    [Fact]
    public void Identical_claimants_combine_to_the_same_state()
    {
        Assert.Equal(Base, DesiredStateRules.Combine([Base, Base with { }, Base with { Platforms = ["windows"] }]));
    }

    [Theory]
    [InlineData("low", "high", "high")]
    [InlineData("critical", "informational", "critical")]
    [InlineData("medium", "medium", "medium")]
    [InlineData("bogus", "low", "low")]
    public void The_highest_severity_wins(string a, string b, string expected)
    {
        Assert.Equal(expected, DesiredStateRules.Combine([Base with { Severity = a }, Base with { Severity = b }])!.Severity);
    }

    [Theory]
    [InlineData("detect", "prevent", "prevent")]
    [InlineData("no_action", "allow", "allow")]
    [InlineData("allow", "detect", "detect")]
    [InlineData("prevent_no_ui", "prevent", "prevent")]
    [InlineData("detect", "prevent_no_ui", "prevent_no_ui")]
    [InlineData("no_action", "detect", "detect")]
    public void The_most_protective_action_wins(string a, string b, string expected)
    {
        Assert.Equal(expected, DesiredStateRules.Combine([Base with { Action = a }, Base with { Action = b }])!.Action);
        Assert.Equal(expected, DesiredStateRules.Combine([Base with { Action = b }, Base with { Action = a }])!.Action);
    }

    [Theory]
    [InlineData("detect", "prevent", "prevent")]
    [InlineData("no_action", "allow", "allow")]
    [InlineData("allow", "detect", "detect")]
    public void The_most_protective_mobile_action_wins(string a, string b, string expected)
    {
        Assert.Equal(expected, DesiredStateRules.Combine([Base with { MobileAction = a }, Base with { MobileAction = b }])!.MobileAction);
    }

    [Fact]
    public void Platforms_and_tags_are_united_and_sorted()
    {
        var combined = DesiredStateRules.Combine([
            Base with { Platforms = ["windows"], Tags = ["z", "a"] },
            Base with { Platforms = ["linux", "mac"], Tags = ["m"] },
            Base with { Platforms = ["mac"], Tags = [] },
        ])!;

        Assert.Equal(["linux", "mac", "windows"], combined.Platforms);
        Assert.Equal(["a", "m", "z"], combined.Tags);
    }

    [Fact]
    public void The_latest_expiration_wins()
    {
        var combined = DesiredStateRules.Combine([Base with { Expiration = T }, Base with { Expiration = T.AddDays(3) }, Base with { Expiration = T.AddDays(1) }])!;

        Assert.Equal(T.AddDays(3), combined.Expiration);
    }

    [Fact]
    public void A_claimant_without_expiration_wants_the_ioc_for_ever()
    {
        var combined = DesiredStateRules.Combine([Base with { Expiration = T.AddDays(3) }, Base with { Expiration = null }])!;

        Assert.Null(combined.Expiration);
    }

    [Fact]
    public void The_description_comes_from_the_most_severe_claimant()
    {
        var combined = DesiredStateRules.Combine([
            Base with { Severity = "low", Description = "low one" },
            Base with { Severity = "critical", Description = "critical one" },
            Base with { Severity = "medium", Description = "medium one" },
        ])!;

        Assert.Equal("critical one", combined.Description);
    }

    [Fact]
    public void Among_equally_severe_claimants_one_with_a_description_is_preferred()
    {
        var combined = DesiredStateRules.Combine([Base with { Description = null }, Base with { Description = "has one" }])!;

        Assert.Equal("has one", combined.Description);
    }

    [Fact]
    public void Among_equally_severe_described_claimants_the_pick_is_stable()
    {
        var combined = DesiredStateRules.Combine([Base with { Description = "beta" }, Base with { Description = "alpha" }])!;

        Assert.Equal("alpha", combined.Description);
    }

    [Fact]
    public void The_result_does_not_depend_on_the_claimants_order()
    {
        FalconIocFields[] claimants =
        [
            Base with { Action = "detect", Severity = "high", Platforms = ["windows"], Tags = ["x"], Description = "one", Expiration = T },
            Base with { Action = "prevent", Severity = "high", Platforms = ["linux"], Tags = ["y"], Description = "two", Expiration = T.AddDays(2) },
            Base with { Action = "no_action", Severity = "low", Platforms = ["mac"], Tags = ["x", "z"], Description = null, Expiration = T.AddDays(1) },
            Base with { Action = "allow", MobileAction = "prevent", Severity = "medium", Source = "Other", Description = "three" },
        ];
        var expected = DesiredStateRules.Combine(claimants);

        foreach (var permutation in Permutations(claimants))
        {
            Assert.Equal(expected, DesiredStateRules.Combine(permutation));
        }

        Assert.Equal(
            new FalconIocFields
            {
                Action = "prevent",
                MobileAction = "prevent",
                Severity = "high",
                Platforms = ["linux", "mac", "windows"],
                Tags = ["a", "x", "y", "z"],
                Description = "one",
                Expiration = T.AddDays(2),
                Source = "OpenCTI IOC",
            },
            expected);
    }

    private static IEnumerable<FalconIocFields[]> Permutations(FalconIocFields[] items)
    {
        if (items.Length <= 1)
        {
            yield return items;
            yield break;
        }

        for (var i = 0; i < items.Length; i++)
        {
            var rest = items.Where((_, j) => j != i).ToArray();
            foreach (var tail in Permutations(rest))
            {
                yield return [items[i], .. tail];
            }
        }
    }
}
