using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using Connector.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Deployment.Tests.Support;

/// <summary>
/// The metrics the three services can expose, found the way they are made: each service is built from its own
/// registrations (not started), everything of ours in it is created, and a <see cref="MeterListener"/> records each
/// instrument of a <c>Connector.*</c> meter. Their Prometheus names come from the services' own exporter setup
/// (<c>AddServiceDefaults</c>), fed with one measurement per instrument and scraped over loopback, so unit suffixes
/// and <c>_total</c> are whatever production writes.
/// </summary>
public sealed partial class MetricCatalog : IAsyncLifetime
{
    private const string OurPrefix = "Connector.";
    private const string MirrorMeterPrefix = "Deployment.Tests.Mirror.";

    /// <summary>Settings every service accepts; no connection is opened, nothing is started.</summary>
    private static readonly Dictionary<string, string?> ValidSettings = new(StringComparer.Ordinal)
    {
        ["opencti:url"] = "http://127.0.0.1:9/",
        ["opencti:token"] = "deployment-tests",
        ["connector:id"] = "6f1c3a52-8b0e-4e5c-9d7e-2a4b8f0c1d93",
        ["connector:live_stream_id"] = "live",
        ["crowdstrike:api_base_url"] = "http://127.0.0.1:9/",
        ["crowdstrike:client_id"] = "deployment-tests",
        ["crowdstrike:client_secret"] = "deployment-tests",
        ["ioc_sync:store"] = $"Data Source={Path.Combine(Path.GetTempPath(), $"deployment-tests-{Guid.NewGuid():N}.db")}",
        ["metrics:enable"] = "true",
    };

    public IReadOnlyList<InstrumentInfo> Instruments { get; private set; } = [];

    /// <summary>Every series name the exporter writes for <see cref="Instruments"/>, e.g. <c>falcon_client_requests_total</c>.</summary>
    public IReadOnlySet<string> SeriesNames { get; private set; } = new HashSet<string>();

    /// <summary>The series names each instrument produced.</summary>
    public IReadOnlyDictionary<string, IReadOnlySet<string>> SeriesByInstrument { get; private set; } = new Dictionary<string, IReadOnlySet<string>>();

    public async Task InitializeAsync()
    {
        Instruments = await GatherAsync();
        (SeriesNames, SeriesByInstrument) = await ExportAsync(Instruments);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private static async Task<IReadOnlyList<InstrumentInfo>> GatherAsync()
    {
        var found = new ConcurrentDictionary<string, InstrumentInfo>(StringComparer.Ordinal);
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, _) =>
            {
                if (instrument.Meter.Name.StartsWith(OurPrefix, StringComparison.Ordinal))
                {
                    found.TryAdd(instrument.Name, InstrumentInfo.Of(instrument));
                }
            },
        };
        listener.Start();

        foreach (var service in ConnectorService.All)
        {
            var builder = service.CreateBuilder(ValidSettings);
            await using var app = builder.Build();
            CreateOurServices(builder.Services, app.Services);
        }

        // Instruments held by static instrumentation classes exist once their class is initialised.
        foreach (var type in OurAssemblies().SelectMany(a => a.GetTypes()).Where(OwnsStaticMeter))
        {
            RuntimeHelpers.RunClassConstructor(type.TypeHandle);
        }

        return [.. found.Values.OrderBy(i => i.Name, StringComparer.Ordinal)];
    }

    /// <summary>Resolves every singleton and constructs every hosted service of ours: constructors create the instruments.</summary>
    private static void CreateOurServices(IServiceCollection registrations, IServiceProvider services)
    {
        foreach (var descriptor in registrations.Where(d => !d.IsKeyedService && !d.ServiceType.ContainsGenericParameters))
        {
            if (descriptor.ServiceType == typeof(IHostedService))
            {
                if (descriptor.ImplementationType is { } hosted && IsOurs(hosted))
                {
                    (ActivatorUtilities.CreateInstance(services, hosted) as IDisposable)?.Dispose();
                }
            }
            else if (descriptor.Lifetime == ServiceLifetime.Singleton && IsOurs(descriptor.ImplementationType ?? descriptor.ServiceType))
            {
                services.GetService(descriptor.ServiceType);
            }
        }
    }

    private static async Task<(IReadOnlySet<string>, IReadOnlyDictionary<string, IReadOnlySet<string>>)> ExportAsync(IReadOnlyList<InstrumentInfo> instruments)
    {
        var builder = WebApplication.CreateBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["metrics:enable"] = "true",
            [WebHostDefaults.ServerUrlsKey] = "http://127.0.0.1:0",
        });
        builder.AddServiceDefaults("deployment-tests", MirrorMeterPrefix + "*");
        await using var app = builder.Build();
        app.MapDefaultEndpoints();
        await app.StartAsync();
        using var http = new HttpClient { BaseAddress = new Uri(app.Urls.First()) };

        // One meter per instrument, so each series can be traced back (otel_scope_name) to the instrument that made it.
        var meters = instruments.Select((instrument, i) => (instrument, meter: new Meter(MirrorMeterPrefix + i.ToString(CultureInfo.InvariantCulture)))).ToList();
        try
        {
            foreach (var (instrument, meter) in meters)
            {
                instrument.Mirror(meter);
            }

            var samples = await ScrapeAsync(http, meters.Select(m => m.meter.Name).ToList());
            var byInstrument = meters.ToDictionary(
                m => m.instrument.Name,
                m => (IReadOnlySet<string>)samples.Where(s => s.Scope == m.meter.Name).Select(s => s.Series).ToHashSet(StringComparer.Ordinal),
                StringComparer.Ordinal);
            return (byInstrument.Values.SelectMany(s => s).ToHashSet(StringComparer.Ordinal), byInstrument);
        }
        finally
        {
            foreach (var (_, meter) in meters)
            {
                meter.Dispose();
            }

            await app.StopAsync();
        }
    }

    private static async Task<IReadOnlyList<(string Scope, string Series)>> ScrapeAsync(HttpClient http, IReadOnlyList<string> scopes)
    {
        // The exporter caches a scrape briefly: scrape until every mirror meter shows up (or give up after ~5 s).
        for (var attempt = 0; ; attempt++)
        {
            var text = await http.GetStringAsync(new Uri(ServiceDefaultsExtensions.MetricsPath, UriKind.Relative));
            var samples = SamplesOf(text).Where(s => s.Scope.StartsWith(MirrorMeterPrefix, StringComparison.Ordinal)).ToList();
            if (scopes.All(scope => samples.Any(s => s.Scope == scope)) || attempt >= 50)
            {
                return samples;
            }

            await Task.Delay(100);
        }
    }

    /// <summary>Scope and series name of each sample line of the Prometheus text format.</summary>
    private static IEnumerable<(string Scope, string Series)> SamplesOf(string text) =>
        text.Split('\n')
            .Where(line => line.Length > 0 && !line.StartsWith('#'))
            .Select(line => (ScopePattern().Match(line).Groups["scope"].Value, line[..line.IndexOfAny(['{', ' '])]));

    [GeneratedRegex("otel_scope_name=\"(?<scope>[^\"]*)\"")]
    private static partial Regex ScopePattern();

    private static IEnumerable<Assembly> OurAssemblies() =>
        AppDomain.CurrentDomain.GetAssemblies().Where(a => a.GetName().Name?.StartsWith(OurPrefix, StringComparison.Ordinal) == true);

    private static bool IsOurs(Type type) => type.Assembly.GetName().Name?.StartsWith(OurPrefix, StringComparison.Ordinal) == true;

    private static bool OwnsStaticMeter(Type type) =>
        type is { IsAbstract: true, IsSealed: true }
        && (type.GetProperties(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static).Any(p => p.PropertyType == typeof(Meter))
            || type.GetFields(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static).Any(f => f.FieldType == typeof(Meter)));
}

/// <summary>One instrument of the services: its meter, name, unit and kind (e.g. <c>Counter&lt;&gt;</c>).</summary>
public sealed record InstrumentInfo(string Meter, string Name, string? Unit, Type Kind)
{
    public static InstrumentInfo Of(Instrument instrument)
    {
        var type = instrument.GetType();
        return new InstrumentInfo(instrument.Meter.Name, instrument.Name, instrument.Unit, type.IsGenericType ? type.GetGenericTypeDefinition() : type);
    }

    /// <summary>Creates an instrument of the same kind, name and unit on <paramref name="meter"/> with one measurement.</summary>
    public void Mirror(Meter meter)
    {
        if (Kind == typeof(Counter<>))
        {
            meter.CreateCounter<long>(Name, Unit).Add(1);
        }
        else if (Kind == typeof(UpDownCounter<>))
        {
            meter.CreateUpDownCounter<long>(Name, Unit).Add(1);
        }
        else if (Kind == typeof(Histogram<>))
        {
            meter.CreateHistogram<double>(Name, Unit).Record(1);
        }
        else if (Kind == typeof(Gauge<>))
        {
            meter.CreateGauge<long>(Name, Unit).Record(1);
        }
        else if (Kind == typeof(ObservableGauge<>))
        {
            meter.CreateObservableGauge(Name, () => 1L, Unit);
        }
        else if (Kind == typeof(ObservableCounter<>))
        {
            meter.CreateObservableCounter(Name, () => 1L, Unit);
        }
        else if (Kind == typeof(ObservableUpDownCounter<>))
        {
            meter.CreateObservableUpDownCounter(Name, () => 1L, Unit);
        }
        else
        {
            throw new NotSupportedException($"Instrument kind {Kind.Name} of {Name} is not mirrored; add it here.");
        }
    }
}
