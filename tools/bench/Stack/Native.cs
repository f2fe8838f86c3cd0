using System.Runtime.InteropServices;

namespace Bench.Stack;

/// <summary>The two libc calls .NET does not expose: a polite SIGTERM (Process.Kill sends SIGKILL) and the clock tick rate of /proc.</summary>
internal static partial class Native
{
    private const int SigTerm = 15;
    private const int ScClkTck = 2;

    /// <summary>Asks a process to stop as a service manager would; the generic host then shuts down gracefully.</summary>
    public static bool Terminate(int processId) => OperatingSystem.IsLinux() && Kill(processId, SigTerm) == 0;

    /// <summary>Clock ticks per second of /proc/&lt;pid&gt;/stat times (almost always 100).</summary>
    public static long ClockTicksPerSecond { get; } = OperatingSystem.IsLinux() && SysConf(ScClkTck) is > 0 and var ticks ? ticks : 100;

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);

    [LibraryImport("libc", EntryPoint = "sysconf")]
    private static partial long SysConf(int name);
}
