using System.Globalization;
using Connector.Hosting.Settings;
using Microsoft.Extensions.DependencyInjection;
using Serilog;
using Serilog.Core;
using Serilog.Events;
using Serilog.Formatting;
using Serilog.Formatting.Compact;
using Serilog.Formatting.Display;

namespace Connector.Hosting.ServiceDefaults;

/// <summary>
/// Serilog for every service: one JSON object per line on stdout (rendered message, level, trace and span ids
/// as <c>@tr</c>/<c>@sp</c>), or readable lines with <c>CONNECTOR_LOG_FORMAT=text</c>; level from <c>CONNECTOR_LOG_LEVEL</c>.
/// </summary>
internal static class ConnectorLogging
{
    /// <summary>The readable format: time, level, component, message, trace id.</summary>
    public const string TextTemplate =
        "{Timestamp:yyyy-MM-dd HH:mm:ss.fff zzz} [{Level:u3}] {SourceContext}: {Message:lj} {TraceId}{NewLine}{Exception}";

    public static void Add(IServiceCollection services, string serviceName, ConnectorOptions settings, TextWriter? output = null)
    {
        // Bad values fall back here and fail the start through ConnectorLoggingValidator.
        var level = ConnectorLogLevels.Parse(settings.LogLevel) ?? LogEventLevel.Information;
        var json = ConnectorLogLevels.IsJson(settings.LogFormat) ?? true;

        // Several hosts may share a process (tests), so the static Log.Logger is left alone.
        services.AddSerilog(logger => Configure(logger, serviceName, level, json, output), preserveStaticLogger: true);
    }

    public static LoggerConfiguration Configure(LoggerConfiguration logger, string serviceName, LogEventLevel level, bool json, TextWriter? output)
    {
        // Framework chatter (one line per HTTP request, per health probe, per SQL command) stays at warning unless the
        // level is higher: EF Core alone would log every saga transaction at information.
        var quiet = level > LogEventLevel.Warning ? level : LogEventLevel.Warning;
        logger.MinimumLevel.Is(level)
            .MinimumLevel.Override("Microsoft.AspNetCore", quiet)
            .MinimumLevel.Override("System.Net.Http.HttpClient", quiet)
            .MinimumLevel.Override("Microsoft.Extensions.Diagnostics.HealthChecks", quiet)
            .MinimumLevel.Override("Microsoft.EntityFrameworkCore", quiet)
            .Enrich.FromLogContext()
            .Enrich.WithProperty("service", serviceName);

        ITextFormatter formatter = json
            ? new RenderedCompactJsonFormatter()
            : new MessageTemplateTextFormatter(TextTemplate, CultureInfo.InvariantCulture);

        return output is null
            ? logger.WriteTo.Console(formatter)
            : logger.WriteTo.Sink(new TextWriterSink(formatter, output));
    }

    private sealed class TextWriterSink(ITextFormatter formatter, TextWriter output) : ILogEventSink
    {
        private readonly Lock _gate = new();

        public void Emit(LogEvent logEvent)
        {
            lock (_gate)
            {
                formatter.Format(logEvent, output);
                output.Flush();
            }
        }
    }
}
