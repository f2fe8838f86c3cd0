using System.Globalization;
using System.Text;
using FalconSim.Fql;

namespace FalconSim;

/// <summary>A search as the store runs it. <see cref="After"/>, when set, wins over <see cref="Offset"/>.</summary>
internal sealed record SearchRequest(FqlFilter? Filter, string FilterText, SortSpec Sort, int Limit, int Offset, AfterToken? After);

/// <summary>One page of a search: the items, the total count of matches, the page's position and the next token.</summary>
internal sealed record SearchPage(IReadOnlyList<SimIndicator> Items, int Total, int Offset, string? After);

/// <summary>
/// The opaque <c>after</c> paging token: the sort and the (sort key, id) of the last item returned. Paging
/// resumes after that position even if the item itself changed or was deleted since.
/// </summary>
internal sealed record AfterToken(string Sort, SortKey Key, string Id)
{
    public string Encode()
    {
        var text = string.Create(CultureInfo.InvariantCulture, $"{Sort}\n{Key.Number}\n{Id}\n{Key.Text}");
        return Convert.ToBase64String(Encoding.UTF8.GetBytes(text)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    public static bool TryDecode(string text, out AfterToken token)
    {
        token = new AfterToken("", default, "");
        try
        {
            var base64 = text.Replace('-', '+').Replace('_', '/');
            base64 = base64.PadRight(base64.Length + ((4 - (base64.Length % 4)) % 4), '=');
            var parts = Encoding.UTF8.GetString(Convert.FromBase64String(base64)).Split('\n', 4);
            if (parts.Length != 4 || parts[2].Length == 0
                || !long.TryParse(parts[1], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number))
            {
                return false;
            }

            token = new AfterToken(parts[0], new SortKey(number, parts[3]), parts[2]);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}

/// <summary>What a create, update or delete did: the written indicators (or deleted ids) and the failures.</summary>
internal sealed record WriteOutcome<T>(IReadOnlyList<T> Written, IReadOnlyList<ApiError> Errors);
