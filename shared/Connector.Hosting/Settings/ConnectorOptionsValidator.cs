using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace Connector.Hosting.Settings;

/// <summary>
/// Checks the <see cref="ConnectorOptions"/> that the OpenCTI-facing services need. The log settings are checked by
/// <see cref="ConnectorLoggingValidator"/>, which every service registers.
/// </summary>
internal sealed partial class ConnectorOptionsValidator : IValidateOptions<ConnectorOptions>
{
    private static readonly SettingName Id = new("connector", "id");
    private static readonly SettingName LiveStreamId = new("connector", "live_stream_id");
    private static readonly SettingName StartTimestamp = new("connector", "live_stream_start_timestamp");
    private static readonly SettingName RecoverIsoDate = new("connector", "live_stream_recover_iso_date");

    public ValidateOptionsResult Validate(string? name, ConnectorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();

        if (string.IsNullOrWhiteSpace(options.Id))
        {
            failures.Add($"{Id} is required: set it to a UUID that identifies this connector in OpenCTI (e.g. from uuidgen) and keep it across restarts.");
        }
        else if (!Guid.TryParse(options.Id.Trim(), out _))
        {
            failures.Add($"{Id} is '{options.Id}', which is not a UUID: set it to one such as 6f1c3a52-8b0e-4e5c-9d7e-2a4b8f0c1d93 (e.g. from uuidgen).");
        }

        if (string.IsNullOrWhiteSpace(options.LiveStreamId))
        {
            failures.Add($"{LiveStreamId} is required: set it to the id of the live stream created in OpenCTI under Data sharing → Live streams.");
        }
        else if (!StreamIdPattern().IsMatch(options.LiveStreamId.Trim()))
        {
            failures.Add($"{LiveStreamId} is '{options.LiveStreamId}', which is not a stream id: copy the id of the live stream from OpenCTI (letters, digits and dashes).");
        }

        if (options.LiveStreamStartTimestamp is { Length: > 0 } start && !IsStartPosition(start.Trim()))
        {
            failures.Add(
                $"{StartTimestamp} is '{start}': set it to a stream event id such as 1717236930123-0, 0 to replay from the start, "
                + "or an ISO 8601 date such as 2024-06-01T00:00:00Z; or leave it unset to resume from the state saved in OpenCTI.");
        }

        if (options.LiveStreamRecoverIsoDate is { Length: > 0 } recover && !IsIsoDate(recover.Trim()))
        {
            failures.Add($"{RecoverIsoDate} is '{recover}', which is not an ISO 8601 date: use a date such as 2024-06-01T00:00:00Z, or leave it unset to recover up to the first start.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static bool IsStartPosition(string text) => EventIdPattern().IsMatch(text) || IsIsoDate(text);

    private static bool IsIsoDate(string text) =>
        text.Length >= 10 && char.IsAsciiDigit(text[0])
        && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out _);

    // Redis stream ids: "<ms>" or "<ms>-<seq>".
    [GeneratedRegex(@"^\d+(-\d+)?$", RegexOptions.CultureInvariant)]
    private static partial Regex EventIdPattern();

    // The id goes into the stream URL path, so it must not carry separators.
    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9_.-]*$", RegexOptions.CultureInvariant)]
    private static partial Regex StreamIdPattern();
}
