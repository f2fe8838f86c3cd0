using System.Globalization;
using Connector.Contracts;

namespace Connector.Domain.Normalization;

/// <summary>Hashes: exactly the algorithm's number of hexadecimal digits, lowercased.</summary>
internal static class HashNormalizer
{
    public static NormalizationResult Normalize(IocType type, string value, int length)
    {
        var name = type.ToFalconType();
        if (value.Length != length)
        {
            return NormalizationResult.Rejected(string.Create(
                CultureInfo.InvariantCulture, $"{name} must be {length} hexadecimal characters, got {value.Length}"));
        }

        foreach (var c in value)
        {
            if (!char.IsAsciiHexDigit(c))
            {
                return NormalizationResult.Rejected($"{name} contains a non-hexadecimal character {Describe(c)}");
            }
        }

        return NormalizationResult.Ok(new IocKey(type, value.ToLowerInvariant()));
    }

    internal static string Describe(char c) =>
        char.IsControl(c) || char.IsSurrogate(c) || char.IsWhiteSpace(c) || c > '\u007e'
            ? string.Create(CultureInfo.InvariantCulture, $"U+{(int)c:X4}")
            : $"'{c}'";
}
