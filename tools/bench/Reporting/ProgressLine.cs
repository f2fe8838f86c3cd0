namespace Bench.Reporting;

/// <summary>
/// Live progress: one line rewritten in place on a terminal; on a pipe or file (CI, <c>| tee</c>), a new line every few
/// seconds instead of a flood of carriage returns.
/// </summary>
internal sealed class ProgressLine(TextWriter output, bool interactive)
{
    private static readonly TimeSpan PipeInterval = TimeSpan.FromSeconds(5);
    private DateTimeOffset _lastPrinted = DateTimeOffset.MinValue;
    private int _width;
    private bool _open;

    /// <summary>A progress line on the console.</summary>
    public static ProgressLine ForConsole() => new(Console.Out, !Console.IsOutputRedirected);

    public void Update(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (interactive)
        {
            output.Write('\r' + text.PadRight(_width));
            _width = text.Length;
            _open = true;
            output.Flush();
            return;
        }

        var now = DateTimeOffset.UtcNow;
        if (now - _lastPrinted >= PipeInterval)
        {
            output.WriteLine(text);
            _lastPrinted = now;
        }
    }

    /// <summary>Ends the line, with a final text when given.</summary>
    public void Complete(string? text = null)
    {
        if (text is not null)
        {
            if (interactive)
            {
                output.Write('\r' + text.PadRight(_width));
                _open = true;
            }
            else
            {
                output.Write(text);
                _open = true;
            }
        }

        if (_open)
        {
            output.WriteLine();
        }

        _open = false;
        _width = 0;
        _lastPrinted = DateTimeOffset.MinValue;
    }
}
