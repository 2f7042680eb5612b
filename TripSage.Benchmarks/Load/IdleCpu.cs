using System.Diagnostics;

namespace TripSage.Memory.Benchmarks.Load;

/// <summary>
/// CPU the process burns with no call in flight (milliseconds per second), so CPU per operation can be
/// read against what the silo, the client and the embedded store spend on their own in the background.
/// </summary>
internal static class IdleCpu
{
    public static readonly TimeSpan Window = TimeSpan.FromSeconds(2);

    public static async Task<double> MeasureAsync()
    {
        using var process = Process.GetCurrentProcess();
        var before = process.TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        await Task.Delay(Window);
        process.Refresh();
        return (process.TotalProcessorTime - before).TotalMilliseconds / clock.Elapsed.TotalSeconds;
    }
}
