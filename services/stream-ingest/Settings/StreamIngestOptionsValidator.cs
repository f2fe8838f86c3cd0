using System.Globalization;
using Connector.Hosting.Settings;
using Microsoft.Extensions.Options;

namespace Connector.StreamIngest.Settings;

/// <summary>Checks <see cref="StreamIngestOptions"/> at start, naming each setting as the user writes it.</summary>
internal sealed class StreamIngestOptionsValidator : IValidateOptions<StreamIngestOptions>
{
    /// <summary>Beyond this a restart would replay a large backlog, and memory grows with each waiting message.</summary>
    public const int MaxInFlightLimit = 100_000;

    private static readonly SettingName MaxInFlight = new(StreamIngestOptions.SectionName, "max_in_flight");
    private static readonly SettingName PublishTimeout = new(StreamIngestOptions.SectionName, "publish_timeout");
    private static readonly SettingName DrainTimeout = new(StreamIngestOptions.SectionName, "drain_timeout");

    public ValidateOptionsResult Validate(string? name, StreamIngestOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (options.MaxInFlight is < 1 or > MaxInFlightLimit)
        {
            failures.Add(string.Create(
                CultureInfo.InvariantCulture,
                $"{MaxInFlight} is {options.MaxInFlight}: set it between 1 and {MaxInFlightLimit} (default {StreamIngestOptions.DefaultMaxInFlight})."));
        }

        if (options.PublishTimeout <= TimeSpan.Zero || options.PublishTimeout > TimeSpan.FromMinutes(10))
        {
            failures.Add(string.Create(CultureInfo.InvariantCulture, $"{PublishTimeout} is {options.PublishTimeout:c}: set a duration above zero and at most 00:10:00 (default 00:00:30)."));
        }

        if (options.DrainTimeout < TimeSpan.Zero || options.DrainTimeout > TimeSpan.FromMinutes(10))
        {
            failures.Add(string.Create(CultureInfo.InvariantCulture, $"{DrainTimeout} is {options.DrainTimeout:c}: set a duration from 00:00:00 to 00:10:00 (default 00:00:10)."));
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
