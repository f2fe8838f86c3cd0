using System.Text;

namespace Connector.Falcon.Http;

/// <summary>Builds <c>path?k=v&amp;k=v</c> with every value percent-encoded (an FQL <c>+</c> travels as <c>%2B</c>).</summary>
internal sealed class QueryString(string path)
{
    private readonly StringBuilder _builder = new(path);
    private bool _first = true;

    public QueryString Add(string key, string? value)
    {
        if (value is null)
        {
            return this;
        }

        _builder.Append(_first ? '?' : '&').Append(key).Append('=').Append(Uri.EscapeDataString(value));
        _first = false;
        return this;
    }

    public QueryString AddAll(string key, IEnumerable<string> values)
    {
        foreach (var value in values)
        {
            Add(key, value);
        }

        return this;
    }

    public Uri ToUri() => new(_builder.ToString(), UriKind.Relative);

    public override string ToString() => _builder.ToString();
}
