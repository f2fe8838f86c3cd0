namespace FalconSim;

/// <summary>The simulator's one random generator (ids and injected faults), seeded by <see cref="FalconSimOptions.Seed"/>.</summary>
internal sealed class SimRandom(int? seed)
{
    private readonly Random random = seed is { } s ? new Random(s) : new Random();
    private readonly Lock gate = new();

    public double NextDouble()
    {
        lock (gate)
        {
            return random.NextDouble();
        }
    }

    public int Next(int maxExclusive)
    {
        lock (gate)
        {
            return random.Next(maxExclusive);
        }
    }

    /// <summary>A new 64-hex-character id, like Falcon's indicator ids.</summary>
    public string NewIndicatorId()
    {
        Span<byte> bytes = stackalloc byte[32];
        lock (gate)
        {
            random.NextBytes(bytes);
        }

        return Convert.ToHexStringLower(bytes);
    }
}
