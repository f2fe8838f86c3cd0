namespace Connector.StreamIngest.Ingest;

/// <summary>
/// Remembers recently seen keys in bounded memory, to log something once per key without a set that grows with every
/// indicator ever streamed. Two generations: when the newer one is full it becomes the older one and the oldest keys
/// are forgotten, so a key may be reported again after about <c>capacity</c> other keys. Thread-safe.
/// </summary>
internal sealed class RecentKeySet
{
    private readonly int generationSize;
    private readonly Lock gate = new();
    private HashSet<string> newer = new(StringComparer.Ordinal);
    private HashSet<string> older = new(StringComparer.Ordinal);

    /// <param name="capacity">Keys remembered at least (at most twice as many are held).</param>
    public RecentKeySet(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        generationSize = capacity;
    }

    /// <summary>How many keys are held now (never more than twice the capacity).</summary>
    public int Count
    {
        get
        {
            lock (gate)
            {
                return newer.Count + older.Count;
            }
        }
    }

    /// <summary>True the first time <paramref name="key"/> is seen (or seen again after it was forgotten).</summary>
    public bool Add(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        lock (gate)
        {
            if (newer.Contains(key))
            {
                return false;
            }

            // A key of the older generation is still known; moving it keeps it as long as it keeps coming.
            var known = older.Remove(key);
            if (newer.Count >= generationSize)
            {
                (older, newer) = (newer, older);
                newer.Clear();
            }

            newer.Add(key);
            return !known;
        }
    }
}
