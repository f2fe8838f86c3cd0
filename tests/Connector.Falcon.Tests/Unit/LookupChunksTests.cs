namespace Connector.Falcon.Tests.Unit;

public sealed class LookupChunksTests
{
    [Fact]
    public void Values_are_cut_into_lookups_of_at_most_one_hundred()
    {
        var values = Enumerable.Range(0, 250).Select(i => $"v{i}.example").ToList();

        var chunks = FalconIocClient.LookupChunks(values).ToList();

        Assert.Equal([100, 100, 50], chunks.Select(c => c.Count));
        Assert.Equal(values, chunks.SelectMany(c => c));
    }

    [Fact]
    public void Long_values_are_cut_by_encoded_length_so_the_url_stays_short()
    {
        var values = Enumerable.Range(0, 100).Select(i => new string((char)('a' + (i % 26)), 190) + i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList();

        var chunks = FalconIocClient.LookupChunks(values).ToList();

        Assert.True(chunks.Count > 1);
        Assert.All(chunks, c => Assert.True(
            c.Sum(v => Uri.EscapeDataString(Fql.Quote(v)).Length + 3) <= FalconIocClient.MaxEncodedValuesLength));
        Assert.Equal(values, chunks.SelectMany(c => c));
    }

    [Fact]
    public void Repeated_values_are_looked_up_once()
    {
        var chunks = FalconIocClient.LookupChunks(["a", "b", "a", "b", "c"]).ToList();

        Assert.Equal(["a", "b", "c"], Assert.Single(chunks));
    }
}
