using System.Diagnostics;

namespace TripSage.Memory.Harness;

/// <summary>Ending a process a test or benchmark started: gracefully with a deadline, or at once.</summary>
public static class ChildProcess
{
    /// <summary>Sends SIGTERM and waits up to <paramref name="timeout"/>; true when the process exited by itself in time.</summary>
    public static async Task<bool> TerminateAsync(Process process, TimeSpan timeout)
    {
        Signals.Terminate(process.Id);
        return await WaitForExitAsync(process, timeout);
    }

    /// <summary>Waits up to <paramref name="timeout"/> for the process to exit; true when it did.</summary>
    public static async Task<bool> WaitForExitAsync(Process process, TimeSpan timeout)
    {
        using var waiting = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(waiting.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary><c>kill -9</c> of the process and its children, once it has not exited yet; returns when it is gone.</summary>
    public static async Task KillAsync(Process process)
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }
}
