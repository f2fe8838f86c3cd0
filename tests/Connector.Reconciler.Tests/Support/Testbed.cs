using System.Collections;
using System.Globalization;
using Connector.Contracts;
using Connector.Domain.Falcon;
using Connector.Falcon;
using Connector.Hosting;
using Connector.Reconciler.Reports;
using Connector.Reconciler.Runs;
using FalconSim;
using MassTransit;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenCtiSim;
using CtiIndicator = OpenCtiSim.SimIndicator;

namespace Connector.Reconciler.Tests.Support;

/// <summary>
/// One reconciler against in-process simulators and the real broker: opencti-sim, falcon-sim, the reconciler service
/// (its real <c>AddReconcilerServices</c> and <c>/report</c>, on a loopback port) and a stand-in for ioc-sync that
/// collects what the reconciler sends.
/// </summary>
public sealed class Testbed : IAsyncDisposable
{
    public const string ConnectorId = "6f1c3a52-8b0e-4e5c-9d7e-2a4b8f0c1d93";

    /// <summary>The queue ioc-sync reads <c>RedriveStuckWrites</c> from, the reconciler's default.</summary>
    public const string DefaultRedriveQueue = "ioc-sync-redrive";

    private Testbed(OpenCtiSimHost openCti, FalconSimHost falcon, Dictionary<string, string?> environment)
    {
        OpenCti = openCti;
        Falcon = falcon;
        Environment = environment;
    }

    public OpenCtiSimHost OpenCti { get; }

    public FalconSimHost Falcon { get; }

    /// <summary>The settings, as the services' environment variables (also what the <c>reconcile</c> command gets).</summary>
    public Dictionary<string, string?> Environment { get; }

    public IocSyncStandIn IocSync { get; private set; } = null!;

    public WebApplication Reconciler { get; private set; } = null!;

    public Uri ReconcilerAddress { get; private set; } = null!;

    public Inbox Inbox => IocSync.Inbox;

    public IReconciler Runner => Reconciler.Services.GetRequiredService<IReconciler>();

    public ReportStore Reports => Reconciler.Services.GetRequiredService<ReportStore>();

    public IFalconIocClient FalconClient => Reconciler.Services.GetRequiredService<IFalconIocClient>();

    public IocPolicy Policy => Reconciler.Services.GetRequiredService<IocPolicy>();

    public string FalconClientId => Falcon.Options.ClientId;

    /// <summary>Starts everything; <paramref name="settings"/> add to or replace the default environment.</summary>
    public static async Task<Testbed> StartAsync(
        RabbitMqBroker broker, IReadOnlyDictionary<string, string?>? settings = null, OpenCtiSimOptions? openCtiOptions = null)
    {
        var openCti = await OpenCtiSimHost.StartAsync(openCtiOptions);
        var falcon = await FalconSimHost.StartAsync();
        var environment = new Dictionary<string, string?>(broker.Variables)
        {
            ["OPENCTI_URL"] = openCti.BaseAddress.ToString(),
            ["OPENCTI_TOKEN"] = openCti.Options.Token,
            ["CONNECTOR_ID"] = ConnectorId,
            ["CONNECTOR_LIVE_STREAM_ID"] = openCti.Options.LiveStreamId,
            ["CROWDSTRIKE_API_BASE_URL"] = falcon.BaseAddress.ToString(),
            ["CROWDSTRIKE_CLIENT_ID"] = falcon.Options.ClientId,
            ["CROWDSTRIKE_CLIENT_SECRET"] = falcon.Options.ClientSecret,
            ["RECONCILER_INTERVAL_MINUTES"] = "0",
            ["RECONCILER_REPAIR_RATE"] = "5000",
            // A queue of its own, so a test class's tests never share re-drive messages.
            ["RECONCILER_REDRIVE_QUEUE"] = $"ioc-sync-redrive-{Guid.NewGuid():N}",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            environment[key] = value;
        }

        var testbed = new Testbed(openCti, falcon, environment);
        try
        {
            testbed.IocSync = await IocSyncStandIn.StartAsync(testbed.EnvironmentTable, environment["RECONCILER_REDRIVE_QUEUE"] ?? DefaultRedriveQueue);
            await testbed.StartReconcilerAsync();
            return testbed;
        }
        catch
        {
            await testbed.DisposeAsync();
            throw;
        }
    }

    public IDictionary EnvironmentTable => new Hashtable(Environment);

    /// <summary>Runs once, as the scheduler would, and returns the report.</summary>
    public Task<ReconciliationReport> RunAsync(bool dryRun = false, string trigger = "test") =>
        Runner.RunAsync(new ReconciliationRequest(trigger, dryRun), CancellationToken.None);

    public CtiIndicator AddIndicator(string pattern, Func<IndicatorDraft, IndicatorDraft>? configure = null)
    {
        var draft = new IndicatorDraft { Pattern = pattern, Name = "indicator " + pattern, Description = "seeded for " + pattern };
        return OpenCti.Platform.AddIndicator(configure is null ? draft : configure(draft));
    }

    /// <summary>An IOC as this connector would have written it for <paramref name="fields"/>.</summary>
    public SimIndicatorSeed OursWith(string type, string value, FalconIocFields fields, string? createdBy = null) => new()
    {
        Type = type,
        Value = value,
        Action = fields.Action,
        MobileAction = fields.MobileAction,
        Severity = fields.Severity,
        Platforms = fields.Platforms,
        Tags = fields.Tags,
        Description = fields.Description ?? "",
        Expiration = fields.Expiration,
        Source = fields.Source,
        CreatedBy = createdBy ?? FalconClientId,
    };

    /// <summary>The Falcon fields the saga would want for one indicator's claim (the domain's own rules).</summary>
    public FalconIocFields FieldsFor(CtiIndicator indicator, Contracts.IocType type)
    {
        var attributes = new Contracts.IndicatorAttributes
        {
            Name = indicator.Name,
            Description = indicator.Description,
            Score = indicator.Score,
            Platforms = indicator.Platforms,
            Labels = indicator.Labels,
            ValidUntil = indicator.ValidUntil,
        };
        return FalconFieldRules.Decide(type, attributes, Policy, DateTimeOffset.UtcNow).Fields
            ?? throw new InvalidOperationException("the indicator wants no IOC");
    }

    public async ValueTask DisposeAsync()
    {
        if (Reconciler is not null)
        {
            await Reconciler.StopAsync();
            await Reconciler.DisposeAsync();
        }

        if (IocSync is not null)
        {
            await IocSync.DisposeAsync();
        }

        await Falcon.DisposeAsync();
        await OpenCti.DisposeAsync();
    }

    private async Task StartReconcilerAsync()
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory, EnvironmentName = "Production" });
        builder.Logging.ClearProviders();
        builder.Configuration.AddConnectorConfiguration(EnvironmentTable, AppContext.BaseDirectory);
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Services.AddReconcilerServices(builder.Configuration);
        builder.Services.AddOptions<MassTransitHostOptions>().Configure(o => o.WaitUntilStarted = true);
        Reconciler = builder.Build();
        Reconciler.MapReconcilerEndpoints();
        await Reconciler.StartAsync();
        var address = Reconciler.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        ReconcilerAddress = new Uri(address.TrimEnd('/') + "/", UriKind.Absolute);
    }

    public static string Days(int days) => days.ToString(CultureInfo.InvariantCulture);
}
