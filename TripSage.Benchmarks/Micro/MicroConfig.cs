using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace TripSage.Memory.Benchmarks.Micro;

/// <summary>The micro-benchmarks' one job: short enough for a shared 2-core machine, steady enough to compare.</summary>
internal static class MicroConfig
{
    // One process: each benchmark here runs in microseconds to milliseconds and holds no state between
    // iterations, so a second launch would mostly repeat the first at twice the time.
    private const int Launches = 1;

    // Three warm-up iterations bring tiered JIT to its final code for methods this small (with the
    // default tiered PGO) before anything is measured.
    private const int WarmUps = 3;

    // Eight measured iterations give a usable error bar; BenchmarkDotNet's default (up to 100 with
    // its adaptive stop) would take minutes per benchmark on a box shared with builds.
    private const int Iterations = 8;

    public static IConfig Create() => DefaultConfig.Instance
        .AddJob(Job.Default
            .WithLaunchCount(Launches)
            .WithWarmupCount(WarmUps)
            .WithIterationCount(Iterations)

            // In-process: no generated project to restore and build against the whole solution (minutes
            // on this machine, and it would need the Roslyn version Orleans and BenchmarkDotNet disagree on);
            // the price is no process isolation, which these allocation-only benchmarks do not need.
            .WithToolchain(InProcessEmitToolchain.Instance)
            .AsDefault());
}
