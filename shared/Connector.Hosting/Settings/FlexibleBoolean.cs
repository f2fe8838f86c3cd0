namespace Connector.Hosting.Settings;

/// <summary>
/// Reads a boolean setting as people write it: <c>true</c>/<c>false</c> in any case (Python writes <c>True</c>),
/// and also <c>yes</c>/<c>no</c> and <c>1</c>/<c>0</c>.
/// </summary>
public static class FlexibleBoolean
{
    /// <summary>What a message says the setting accepts.</summary>
    public const string Accepted = "true or false (yes/no and 1/0 also work)";

    /// <summary>Parses <paramref name="text"/>; false when it is none of the accepted spellings.</summary>
    public static bool TryParse(string? text, out bool value)
    {
        switch (text?.Trim().ToLowerInvariant())
        {
            case "true" or "yes" or "1":
                value = true;
                return true;
            case "false" or "no" or "0":
                value = false;
                return true;
            default:
                value = false;
                return false;
        }
    }
}
