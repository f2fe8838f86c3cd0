namespace Connector.Domain.Falcon;

/// <summary>Lookups in the short value lists of Falcon's vocabulary, compared exactly as Falcon spells them.</summary>
internal static class OrdinalLists
{
    public static int IndexOf(IReadOnlyList<string> values, string value)
    {
        for (var i = 0; i < values.Count; i++)
        {
            if (string.Equals(values[i], value, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }

    public static bool Contains(IReadOnlyList<string> values, string value) => IndexOf(values, value) >= 0;
}
