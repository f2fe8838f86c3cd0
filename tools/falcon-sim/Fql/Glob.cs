namespace FalconSim.Fql;

/// <summary>Case-insensitive <c>*</c> wildcard matching, FQL's <c>*</c> operator.</summary>
internal static class Glob
{
    public static bool IsMatch(string text, string pattern)
    {
        // Classic two-pointer match with backtracking to the last '*': linear in practice, no regex to build.
        int t = 0, p = 0, star = -1, mark = 0;
        while (t < text.Length)
        {
            if (p < pattern.Length && pattern[p] != '*' && char.ToLowerInvariant(pattern[p]) == char.ToLowerInvariant(text[t]))
            {
                t++;
                p++;
            }
            else if (p < pattern.Length && pattern[p] == '*')
            {
                star = p++;
                mark = t;
            }
            else if (star >= 0)
            {
                p = star + 1;
                t = ++mark;
            }
            else
            {
                return false;
            }
        }

        while (p < pattern.Length && pattern[p] == '*')
        {
            p++;
        }

        return p == pattern.Length;
    }
}
