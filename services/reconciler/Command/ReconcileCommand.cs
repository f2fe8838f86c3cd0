using System.Collections;
using Connector.Hosting;
using Connector.Hosting.Configuration;
using Connector.Reconciler.Repair;
using Connector.Reconciler.Reports;
using Connector.Reconciler.Runs;
using MassTransit;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Connector.Reconciler.Command;

/// <summary>
/// <c>reconciler reconcile [--dry-run] [--show N] [--json]</c>: one run, printed as a table (or JSON), then exit. A dry run
/// has no bus at all, so it cannot send anything; it only reads OpenCTI and Falcon.
/// </summary>
public static class ReconcileCommand
{
    /// <summary>The command's name, the first argument.</summary>
    public const string Name = "reconcile";

    /// <summary>The trigger of the command's run, in its report.</summary>
    public const string CommandTrigger = "command";

    /// <summary>Exit code of a dry run that found drift.</summary>
    public const int DriftExitCode = 1;

    /// <summary>Exit code of bad settings or arguments (the services' own code for bad settings).</summary>
    public const int InvalidExitCode = ConnectorHostExtensions.InvalidConfigurationExitCode;

    /// <summary>Exit code of a run that failed (OpenCTI or Falcon unreachable, the broker down, …).</summary>
    public const int FailedExitCode = 3;

    /// <summary>True when the process was started as the command.</summary>
    public static bool IsInvoked(IReadOnlyList<string> args) =>
        args is { Count: > 0 } && string.Equals(args[0], Name, StringComparison.Ordinal);

    /// <summary>Runs the command with the process's environment, working directory and console; Ctrl+C cancels.</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        using var cancel = new CancellationTokenSource();
        ConsoleCancelEventHandler onCancel = (_, e) =>
        {
            e.Cancel = true;
            cancel.Cancel();
        };
        Console.CancelKeyPress += onCancel;
        try
        {
            return await RunAsync(args, Environment.GetEnvironmentVariables(), Directory.GetCurrentDirectory(), Console.Out, Console.Error, cancel.Token);
        }
        finally
        {
            Console.CancelKeyPress -= onCancel;
        }
    }

    /// <summary>Runs the command with the given environment (settings as the services read them) and outputs.</summary>
    /// <param name="args">The arguments, the command's name first.</param>
    /// <param name="environment">Environment variables (<c>OPENCTI_*</c>, <c>CROWDSTRIKE_*</c>, <c>RECONCILER_*</c>, …).</param>
    /// <param name="workingDirectory">Where <c>config.yml</c> is looked for.</param>
    /// <param name="output">The table or JSON.</param>
    /// <param name="errors">Problems with the arguments, the settings or the run; logs go to the process's stderr.</param>
    /// <param name="cancellationToken">Stops the run.</param>
    public static async Task<int> RunAsync(
        IReadOnlyList<string> args, IDictionary environment, string workingDirectory, TextWriter output, TextWriter errors, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(errors);
        if (!ReconcileCommandLine.TryParse([.. args.Skip(1)], out var line, out var problem))
        {
            await errors.WriteLineAsync(problem);
            await errors.WriteLineAsync(ReconcileCommandLine.Usage);
            return InvalidExitCode;
        }

        if (line.Help)
        {
            await output.WriteLineAsync(ReconcileCommandLine.Usage);
            return 0;
        }

        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            DisableDefaults = true,
            ApplicationName = ReconcilerInstrumentation.ServiceName,
            ContentRootPath = workingDirectory,
        });
        try
        {
            builder.Configuration.AddConnectorConfiguration(environment, workingDirectory);
        }
        catch (ConfigurationFileException e)
        {
            await errors.WriteLineAsync(e.Message);
            return InvalidExitCode;
        }

        AddLogging(builder.Logging);
        builder.Services.AddReconciler(builder.Configuration);
        if (line.DryRun)
        {
            builder.Services.TryAddSingleton<IRepairSender, DryRunRepairSender>();
        }
        else
        {
            builder.Services.TryAddSingleton<IRepairSender, BusRepairSender>();
            builder.Services.AddConnectorBus(builder.Configuration);
            builder.Services.AddOptions<MassTransitHostOptions>().Configure(o =>
            {
                o.WaitUntilStarted = true;
                o.StartTimeout = TimeSpan.FromSeconds(60);
                o.StopTimeout = TimeSpan.FromSeconds(30);
            });
        }

        using var host = builder.Build();
        if (SettingsProblems(host.Services) is { Count: > 0 } problems)
        {
            await errors.WriteLineAsync($"{ReconcilerInstrumentation.ServiceName} cannot start: {(problems.Count == 1 ? "1 setting needs" : $"{problems.Count} settings need")} fixing.");
            foreach (var setting in problems)
            {
                await errors.WriteLineAsync("  - " + setting);
            }

            return InvalidExitCode;
        }

        try
        {
            await host.StartAsync(cancellationToken);
            var request = new ReconciliationRequest(CommandTrigger, line.DryRun) { ReportItems = line.Show };
            var report = await host.Services.GetRequiredService<IReconciler>().RunAsync(request, cancellationToken);
            if (line.Json)
            {
                await output.WriteLineAsync(ReportJson.Serialize(report));
            }
            else
            {
                DriftTable.Write(output, report, line.Show);
            }

            return line.DryRun && report.Drift.Total > 0 ? DriftExitCode : 0;
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            await errors.WriteLineAsync($"{ReconcilerInstrumentation.ServiceName}: the reconciliation failed: {e.Message}");
            return FailedExitCode;
        }
        finally
        {
            await host.StopAsync(CancellationToken.None);
        }
    }

    private static void AddLogging(ILoggingBuilder logging)
    {
        // The table goes to stdout; every log line (progress of long listings included) goes to stderr.
        logging.AddSimpleConsole(o =>
        {
            o.SingleLine = true;
            o.TimestampFormat = "HH:mm:ss ";
        });
        logging.Services.Configure<Microsoft.Extensions.Logging.Console.ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        logging.SetMinimumLevel(LogLevel.Information);
        logging.AddFilter("Microsoft", LogLevel.Warning);
        logging.AddFilter("System.Net.Http", LogLevel.Warning);
        logging.AddFilter("Polly", LogLevel.Warning);
        logging.AddFilter("MassTransit", LogLevel.Warning);
    }

    private static List<string> SettingsProblems(IServiceProvider services)
    {
        var problems = new List<string>();
        try
        {
            services.GetService<IStartupValidator>()?.Validate();
        }
        catch (OptionsValidationException e)
        {
            problems.AddRange(e.Failures);
        }
        catch (AggregateException e) when (e.InnerExceptions.All(inner => inner is OptionsValidationException))
        {
            problems.AddRange(e.InnerExceptions.Cast<OptionsValidationException>().SelectMany(inner => inner.Failures));
        }

        return [.. problems.Distinct(StringComparer.Ordinal)];
    }
}
