using Connector.StreamIngest.Ingest;

namespace Connector.StreamIngest.Tests.Unit;

public sealed class RecentKeySetTests
{
    [Fact]
    public void A_key_is_new_only_the_first_time()
    {
        var set = new RecentKeySet(10);

        Assert.True(set.Add("indicator--a"));
        Assert.False(set.Add("indicator--a"));
        Assert.True(set.Add("indicator--b"));
        Assert.False(set.Add("indicator--a"));
    }

    [Fact]
    public void Memory_stays_bounded_however_many_keys_come()
    {
        var set = new RecentKeySet(100);
        for (var i = 0; i < 100_000; i++)
        {
            set.Add($"indicator--{i}");
        }

        Assert.InRange(set.Count, 100, 200);
    }

    [Fact]
    public void A_key_that_keeps_coming_is_remembered_while_old_ones_are_forgotten()
    {
        var set = new RecentKeySet(3);
        Assert.True(set.Add("busy"));
        for (var i = 0; i < 50; i++)
        {
            Assert.True(set.Add($"other-{i}"));
            Assert.False(set.Add("busy"));
        }

        Assert.True(set.Add("other-0"));
    }
}
