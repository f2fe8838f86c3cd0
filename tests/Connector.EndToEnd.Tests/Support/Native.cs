using System.Runtime.InteropServices;

namespace Connector.EndToEnd.Tests.Support;

/// <summary>SIGTERM, which .NET does not expose (Process.Kill sends SIGKILL): the generic host then stops gracefully and flushes its spans.</summary>
internal static partial class Native
{
    private const int SigTerm = 15;

    public static bool Terminate(int processId) => OperatingSystem.IsLinux() && Kill(processId, SigTerm) == 0;

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}
