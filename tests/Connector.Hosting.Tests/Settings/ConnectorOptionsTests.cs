using Connector.Hosting.Settings;
using Connector.Hosting.Tests.Support;

namespace Connector.Hosting.Tests.Settings;

public sealed class ConnectorOptionsTests
{
    private static Dictionary<string, string?> Valid() => new()
    {
        ["CONNECTOR_ID"] = "6f1c3a52-8b0e-4e5c-9d7e-2a4b8f0c1d93",
        ["CONNECTOR_LIVE_STREAM_ID"] = "9e2c7a14-55b0-4f3d-8c61-0d9a3b7e2f48",
    };

    private static IReadOnlyList<string> Failures(Dictionary<string, string?> environment) =>
        SettingsProbe.StartupFailures(environment, (services, configuration) => services.AddConnectorOptions(configuration));

    [Fact]
    public void Valid_settings_pass()
    {
        Assert.Empty(Failures(Valid()));
    }

    [Fact]
    public void Id_and_live_stream_are_required()
    {
        Assert.Equal(
            [
                "CONNECTOR_ID (connector.id) is required: set it to a UUID that identifies this connector in OpenCTI (e.g. from uuidgen) and keep it across restarts.",
                "CONNECTOR_LIVE_STREAM_ID (connector.live_stream_id) is required: set it to the id of the live stream created in OpenCTI under Data sharing → Live streams.",
            ],
            Failures([]));
    }

    public static TheoryData<string, string, string> BadValues => new()
    {
        {
            "CONNECTOR_ID", "my-connector",
            "CONNECTOR_ID (connector.id) is 'my-connector', which is not a UUID: set it to one such as 6f1c3a52-8b0e-4e5c-9d7e-2a4b8f0c1d93 (e.g. from uuidgen)."
        },
        {
            "CONNECTOR_LIVE_STREAM_ID", "live/../x",
            "CONNECTOR_LIVE_STREAM_ID (connector.live_stream_id) is 'live/../x', which is not a stream id: copy the id of the live stream from OpenCTI (letters, digits and dashes)."
        },
        {
            "CONNECTOR_LOG_LEVEL", "verbose",
            "CONNECTOR_LOG_LEVEL (connector.log_level) is 'verbose': set it to debug, info, warn (or warning) or error."
        },
        {
            "CONNECTOR_LOG_FORMAT", "xml",
            "CONNECTOR_LOG_FORMAT (connector.log_format) is 'xml': set it to json (one JSON object per line, the default) or text (readable lines)."
        },
        {
            "CONNECTOR_LIVE_STREAM_LISTEN_DELETE", "sometimes",
            $"CONNECTOR_LIVE_STREAM_LISTEN_DELETE (connector.live_stream_listen_delete) must be {FlexibleBoolean.Accepted}, got 'sometimes'."
        },
        {
            "CONNECTOR_LIVE_STREAM_START_TIMESTAMP", "yesterday",
            "CONNECTOR_LIVE_STREAM_START_TIMESTAMP (connector.live_stream_start_timestamp) is 'yesterday': set it to a stream event id such as 1717236930123-0, 0 to replay from the start, or an ISO 8601 date such as 2024-06-01T00:00:00Z; or leave it unset to resume from the state saved in OpenCTI."
        },
        {
            "CONNECTOR_LIVE_STREAM_RECOVER_ISO_DATE", "soon",
            "CONNECTOR_LIVE_STREAM_RECOVER_ISO_DATE (connector.live_stream_recover_iso_date) is 'soon', which is not an ISO 8601 date: use a date such as 2024-06-01T00:00:00Z, or leave it unset to recover up to the first start."
        },
    };

    [Theory]
    [MemberData(nameof(BadValues))]
    public void A_bad_value_is_refused_with_a_message_naming_the_setting_and_the_fix(string variable, string value, string expected)
    {
        var environment = Valid();
        environment[variable] = value;

        Assert.Equal([expected], Failures(environment));
    }

    [Theory]
    [InlineData("debug")]
    [InlineData("info")]
    [InlineData("warn")]
    [InlineData("warning")]
    [InlineData("error")]
    [InlineData("INFO")]
    public void The_log_levels_of_pycti_are_accepted(string level)
    {
        var environment = Valid();
        environment["CONNECTOR_LOG_LEVEL"] = level;

        Assert.Empty(Failures(environment));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("0-0")]
    [InlineData("1717236930123-0")]
    [InlineData("1717236930123")]
    [InlineData("2024-06-01T00:00:00Z")]
    [InlineData("2024-06-01")]
    public void Start_positions_accept_stream_ids_and_iso_dates(string start)
    {
        var environment = Valid();
        environment["CONNECTOR_LIVE_STREAM_START_TIMESTAMP"] = start;

        Assert.Empty(Failures(environment));
    }

    [Fact]
    public void The_log_settings_alone_are_checked_for_services_that_do_not_read_opencti()
    {
        var failures = SettingsProbe.StartupFailures(
            new Dictionary<string, string?> { ["CONNECTOR_LOG_LEVEL"] = "loud" },
            (services, configuration) => services.AddConnectorLoggingOptions(configuration));

        Assert.Equal(["CONNECTOR_LOG_LEVEL (connector.log_level) is 'loud': set it to debug, info, warn (or warning) or error."], failures);
    }
}
