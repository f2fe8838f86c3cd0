using System.Text.Json;
using System.Text.Json.Serialization;

namespace Connector.Reconciler.Reports;

/// <summary>The report's JSON form: snake_case like OpenCTI's and Falcon's own APIs, indented for people and <c>jq</c>.</summary>
public static class ReportJson
{
    /// <summary>The serializer options of <c>/report</c> and <c>reconcile --json</c>.</summary>
    public static JsonSerializerOptions Options { get; } = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower) },
    };

    /// <summary>The report as JSON text.</summary>
    public static string Serialize(ReconciliationReport report) => JsonSerializer.Serialize(report, Options);
}
