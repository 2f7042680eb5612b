using System.Diagnostics;
using HdrHistogram;

namespace TripSage.Memory.Benchmarks.Load;

/// <summary>
/// Runs one operation from N concurrent callers for a fixed time, recording every latency in an HDR
/// histogram, the process's CPU time and the store's counters around it, with a progress line on stderr.
/// </summary>
internal sealed class LoadDriver(StoreProbe? store, TextWriter progress)
{
    // Latencies are recorded in Stopwatch ticks; a minute is beyond any call that did not time out.
    private static readonly long HighestLatency = TimeStamp.Minutes(1);
    private const int SignificantDigits = 3;
    private static readonly double MillisecondsPerTick = 1_000.0 / Stopwatch.Frequency;
    private static readonly TimeSpan ProgressInterval = TimeSpan.FromSeconds(1);

    public async Task<ScenarioResult> RunAsync(
        string scenario, string target, int callers, TimeSpan duration, Func<Random, Task> operation, bool countStore = true, long maxOperations = long.MaxValue)
    {
        var histograms = Enumerable.Range(0, callers).Select(_ => new LongHistogram(HighestLatency, SignificantDigits)).ToArray();
        long operations = 0;
        long errors = 0;
        long started = 0;
        Exception? firstError = null;
        var probe = countStore ? store : null;
        var storeBefore = probe is null ? null : await probe.ReadAsync();
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();

        async Task Caller(int index)
        {
            var random = new Random(HashCode.Combine(scenario, target, index));
            var histogram = histograms[index];
            while (clock.Elapsed < duration && Interlocked.Increment(ref started) <= maxOperations)
            {
                var start = Stopwatch.GetTimestamp();
                try
                {
                    await operation(random);
                    histogram.RecordValue(Stopwatch.GetTimestamp() - start);
                    Interlocked.Increment(ref operations);
                }
                catch (Exception ex)
                {
                    Interlocked.Increment(ref errors);
                    Interlocked.CompareExchange(ref firstError, ex, null);
                }
            }
        }

        var work = Task.WhenAll(Enumerable.Range(0, callers).Select(index => Task.Run(() => Caller(index))));
        while (await Task.WhenAny(work, Task.Delay(ProgressInterval)) != work)
        {
            Report(scenario, target, Interlocked.Read(ref operations), clock.Elapsed, duration);
        }

        await work;
        var elapsed = clock.Elapsed;
        var seconds = elapsed.TotalSeconds;
        var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
        var storeUsed = probe is null ? null : StoreProbe.Difference(storeBefore!, await probe.ReadAsync());
        Report(scenario, target, operations, elapsed, duration);
        await progress.WriteLineAsync();
        if (firstError is not null)
        {
            await progress.WriteLineAsync($"  {scenario} {target}: {errors} calls failed; first: {firstError.GetType().Name}: {firstError.Message}");
        }

        var total = new LongHistogram(HighestLatency, SignificantDigits);
        foreach (var histogram in histograms)
        {
            total.Add(histogram);
        }

        var perOperation = Math.Max(operations, 1);
        return new ScenarioResult
        {
            Scenario = scenario,
            Target = target,
            Callers = callers,
            Operations = operations,
            Errors = errors,
            Seconds = seconds,
            P50Ms = Milliseconds(total, 50),
            P95Ms = Milliseconds(total, 95),
            P99Ms = Milliseconds(total, 99),
            MaxMs = total.TotalCount == 0 ? 0 : total.GetMaxValue() * MillisecondsPerTick,
            CpuMsPerOperation = cpu.TotalMilliseconds / perOperation,
            StoreCommandsPerOperation = storeUsed is null ? null : (double)storeUsed.Commands / perOperation,
            StoreInputBytesPerOperation = storeUsed is null ? null : (double)storeUsed.InputBytes / perOperation,
        };
    }

    private static double Milliseconds(LongHistogram histogram, double percentile) =>
        histogram.TotalCount == 0 ? 0 : histogram.GetValueAtPercentile(percentile) * MillisecondsPerTick;

    private void Report(string scenario, string target, long operations, TimeSpan elapsed, TimeSpan duration) =>
        progress.Write($"\r  {scenario,-24} {target,-8} {operations,9:N0} ops  {operations / Math.Max(elapsed.TotalSeconds, 0.001),9:N0} ops/s  {elapsed.TotalSeconds,5:0}/{duration.TotalSeconds:0} s ");
}
