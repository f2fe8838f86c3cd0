using Connector.Contracts;
using Connector.Domain.Falcon;

namespace Connector.Domain.Tests.Falcon;

public sealed class FieldsSatisfactionTests
{
    private static readonly FalconIocFields Desired = new()
    {
        Action = "detect",
        MobileAction = "detect",
        Severity = "high",
        Platforms = ["linux", "mac", "windows"],
        Tags = ["c2"],
        Description = "C2 server",
        Expiration = new DateTimeOffset(2027, 1, 1, 0, 0, 0, TimeSpan.Zero),
        Source = "OpenCTI IOC",
    };

    [Fact]
    public void Equal_fields_satisfy() => Assert.True(FalconFieldRules.Satisfies(Desired with { }, Desired));

    [Theory]
    [InlineData("action")]
    [InlineData("severity")]
    [InlineData("platforms")]
    [InlineData("tags")]
    [InlineData("description")]
    [InlineData("expiration")]
    public void A_difference_in_a_wanted_field_does_not_satisfy(string field)
    {
        var applied = field switch
        {
            "action" => Desired with { Action = "no_action" },
            "severity" => Desired with { Severity = "low" },
            "platforms" => Desired with { Platforms = ["windows"] },
            "tags" => Desired with { Tags = ["c2", "TO_DELETE"] },
            "description" => Desired with { Description = "other" },
            _ => Desired with { Expiration = Desired.Expiration!.Value.AddDays(1) },
        };

        Assert.False(FalconFieldRules.Satisfies(applied, Desired));
    }

    [Fact]
    public void Fields_Falcon_cannot_clear_are_accepted_when_nothing_is_wanted()
    {
        var desired = Desired with { Description = null, Expiration = null };

        Assert.True(FalconFieldRules.Satisfies(Desired, desired));
    }

    [Fact]
    public void Nothing_satisfies_only_nothing()
    {
        Assert.True(FalconFieldRules.Satisfies(null, null));
        Assert.False(FalconFieldRules.Satisfies(Desired, null));
        Assert.False(FalconFieldRules.Satisfies(null, Desired));
    }
}
