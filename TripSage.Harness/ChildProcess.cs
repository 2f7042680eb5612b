using System.Diagnostics;

namespace TripSage.Memory.Harness;

/// <summary>Starting an assembly as a process of its own, and ending a process a test or benchmark started: gracefully with a deadline, or at once.</summary>
public static class ChildProcess
{
    /// <summary>The <c>dotnet</c> host that runs this process (the test runner sets it), so a child runs on the same one.</summary>
    public static string DotnetHost =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";

    /// <summary>
    /// Starts <c>dotnet</c> with <paramref name="arguments"/> (an assembly and its arguments) and
    /// <paramref name="environment"/> added to this process's; every line it prints, on either stream, goes to <paramref name="onLine"/>.
    /// </summary>
    public static Process StartDotnet(IEnumerable<string> arguments, IReadOnlyDictionary<string, string> environment, Action<string> onLine)
    {
        var start = new ProcessStartInfo(DotnetHost, arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException($"{string.Join(' ', arguments)} did not start.");
        process.OutputDataReceived += (_, line) => Forward(line.Data);
        process.ErrorDataReceived += (_, line) => Forward(line.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;

        void Forward(string? line)
        {
            if (line is not null)
            {
                onLine(line);
            }
        }
    }

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
