using System.Runtime.InteropServices;
using Bench;
using Bench.Cli;
using Bench.Scenarios;
using Bench.Stack;

var options = CommandLine.Parse(args);
if (options.Mode == BenchMode.Help)
{
    if (options.Error is { } error)
    {
        Console.Error.WriteLine($"bench: {error}");
        Console.Error.WriteLine(CommandLine.Usage);
        return 2;
    }

    Console.WriteLine(CommandLine.Usage);
    return 0;
}

// Ctrl-C (or SIGTERM) stops the run and then every process it started; a second Ctrl-C gives up on the clean stop.
// Signals in the first second count once: `timeout` and some shells deliver the same interrupt twice.
using var cancellation = new CancellationTokenSource();
var firstSignal = (DateTimeOffset?)null;
void OnSignal(PosixSignalContext signal)
{
    signal.Cancel = true;
    var now = DateTimeOffset.UtcNow;
    if (firstSignal is null)
    {
        firstSignal = now;
        Console.Error.WriteLine();
        Console.Error.WriteLine("stopping: the services first, then the simulators (Ctrl-C again to quit at once)...");
        cancellation.Cancel();
    }
    else if (now - firstSignal > TimeSpan.FromSeconds(1))
    {
        Console.Error.WriteLine("quitting: killing every process the bench started.");
        ChildProcess.KillAll();
        Environment.Exit(130);
    }
}

using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);

var time = TimeProvider.System;
var logRoot = Path.GetFullPath(options.LogDirectory
    ?? Path.Combine(Path.GetTempPath(), "connector-bench", $"{time.GetLocalNow():yyyyMMdd-HHmmss}-{(options.Mode == BenchMode.QuickStart ? "quickstart" : "bench")}"));
try
{
    var context = new ScenarioContext(options, RepositoryLayout.Discover(), time, Console.Out, logRoot);
    return options.Mode == BenchMode.QuickStart
        ? await QuickStartCommand.RunAsync(context, cancellation.Token)
        : await BenchCommand.RunAsync(context, cancellation.Token);
}
catch (Exception) when (cancellation.IsCancellationRequested)
{
    // Children got the terminal's Ctrl-C too, so one may have exited before the token was seen: not a failure.
    Console.WriteLine($"stopped; logs in {logRoot}");
    return options.Mode == BenchMode.QuickStart ? 0 : 130;
}
catch (BenchException ex)
{
    Console.Error.WriteLine();
    Console.Error.WriteLine($"bench: {ex.Message}");
    Console.Error.WriteLine($"logs in {logRoot}");
    return 1;
}
catch (Exception ex) when (ex is HttpRequestException or IOException or System.Text.Json.JsonException or TimeoutException or TaskCanceledException)
{
    // The processes were stopped on the way out (await using); say what broke and where the logs are.
    Console.Error.WriteLine();
    Console.Error.WriteLine($"bench: {ex.GetType().Name}: {ex.Message}");
    Console.Error.WriteLine(ex.StackTrace);
    Console.Error.WriteLine($"logs in {logRoot}");
    return 1;
}
