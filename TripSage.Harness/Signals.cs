using System.ComponentModel;
using System.Runtime.InteropServices;

namespace TripSage.Memory.Harness;

/// <summary>
/// POSIX signals to the processes a test or benchmark started. .NET kills (SIGKILL) but cannot stop a process
/// gracefully (SIGTERM, what an orchestrator sends) or freeze and thaw it (SIGSTOP/SIGCONT, a process that
/// stops answering without closing its connections, as in a long GC pause or a VM freeze).
/// </summary>
public static partial class Signals
{
    // Linux signal numbers (x64 and arm64 alike).
    private const int SigTerm = 15;
    private const int SigCont = 18;
    private const int SigStop = 19;

    /// <summary>Asks the process to shut down gracefully.</summary>
    public static void Terminate(int processId) => Send(processId, SigTerm);

    /// <summary>Freezes the process: its sockets stay open, nothing it receives is answered.</summary>
    public static void Freeze(int processId) => Send(processId, SigStop);

    /// <summary>Lets a frozen process run again.</summary>
    public static void Thaw(int processId) => Send(processId, SigCont);

    private static void Send(int processId, int signal)
    {
        if (kill(processId, signal) != 0)
        {
            throw new Win32Exception(Marshal.GetLastPInvokeError(), $"signal {signal} to process {processId} failed");
        }
    }

    [DllImport("libc", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int kill(int pid, int sig);
}
