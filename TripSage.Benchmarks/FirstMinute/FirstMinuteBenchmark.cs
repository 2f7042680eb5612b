using System.Diagnostics;
using System.Globalization;
using HdrHistogram;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using TripSage.Memory.Benchmarks.Chaos;
using TripSage.Memory.Client;
using TripSage.Memory.Grains.WarmUp;
using TripSage.Memory.Hosting;
using TripSage.Memory.Hosting.EmbeddedStore;

namespace TripSage.Memory.Benchmarks.FirstMinute;

/// <summary>
/// The first minute of a freshly started silo, as a new user meets it: <c>dotnet TripSage.Silo.dll</c>
/// on its Development defaults (embedded store, MiniLM) as its own process, then a fresh client's
/// connect, first remember and first search, then a steady load, measured in windows. Run with the
/// warm-up off and on (and, when given, a ReadyToRun build with the warm-up on), one after the other in the same run, after one unmeasured start and call that bring
/// the files the silo reads into the page cache and compile this process's client, so that neither side gets them cold.
/// </summary>
internal sealed class FirstMinuteBenchmark(FirstMinuteOptions options, TextWriter output, TextWriter progress)
{
    private const long HighestLatencyMicroseconds = 120_000_000;
    private const int SignificantDigits = 3;
    private const int RememberOneIn = 5;
    private static readonly TimeSpan ClientStartTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan ResponseTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(20);

    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var folder = Directory.CreateTempSubdirectory("tripsage-first-minute-").FullName;
        try
        {
            progress.WriteLine("first-minute: one unmeasured start and call, to fill the page cache and compile this process's client");
            await using (var primer = await StartSiloAsync(folder, "primer", warmUp: false, options.SiloAssembly, cancellationToken))
            {
                using var client = await StartClientAsync(primer, cancellationToken);
                var memory = client.Services.GetRequiredService<IMemoryClient>();
                await memory.RememberAsync("first-minute-primer", new NewMemory(SampleText(0)));
                await memory.SearchAsync("first-minute-primer", new SearchQuery("aisle seat", Mode: options.SearchMode));
                await client.StopAsync(cancellationToken);
                await primer.Silo.StopAsync(StopTimeout);
            }

            var results = new List<VariantResult>();
            var variants = new List<(string Name, bool WarmUp, string Assembly)> { ("warm-up off", false, options.SiloAssembly), ("warm-up on", true, options.SiloAssembly) };
            if (options.ReadyToRunAssembly is { } readyToRun)
            {
                variants.Add(("ReadyToRun, warm-up on", true, readyToRun));
            }

            for (var i = 0; i < variants.Count; i++)
            {
                results.Add(await RunVariantAsync(folder, $"start-{i + 1}", variants[i].Name, variants[i].WarmUp, variants[i].Assembly, cancellationToken));
            }

            FirstMinuteReport.Write(output, options, results);
            return 0;
        }
        finally
        {
            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (IOException)
            {
                // A log still held by an exiting process: the temporary folder stays, nothing else.
            }
        }
    }

    private async Task<VariantResult> RunVariantAsync(string folder, string siloName, string name, bool warmUp, string assembly, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        await using var silo = await StartSiloAsync(folder, siloName, warmUp, assembly, cancellationToken);
        var ready = Stopwatch.GetElapsedTime(started);
        progress.WriteLine($"first-minute: {name}: ready after {ready.TotalSeconds:0.0} s");

        started = Stopwatch.GetTimestamp();
        using var client = await StartClientAsync(silo, cancellationToken);
        var connect = Stopwatch.GetElapsedTime(started);
        var memory = client.Services.GetRequiredService<IMemoryClient>();
        var users = Enumerable.Range(0, options.Users).Select(i => $"first-minute-{i:D4}").ToArray();

        started = Stopwatch.GetTimestamp();
        await memory.RememberAsync(users[0], new NewMemory(SampleText(0)));
        var firstRemember = Stopwatch.GetElapsedTime(started);
        started = Stopwatch.GetTimestamp();
        await memory.SearchAsync(users[0], new SearchQuery("aisle seat", Mode: options.SearchMode));
        var firstSearch = Stopwatch.GetElapsedTime(started);

        var windows = await LoadAsync(memory, users, silo.Silo.ProcessId!.Value, name, cancellationToken);
        await client.StopAsync(cancellationToken);
        await silo.Silo.StopAsync(StopTimeout);
        return new VariantResult(name, ready, connect, firstRemember, firstSearch, windows);
    }

    /// <summary>Callers in a closed loop (a remember in every <see cref="RememberOneIn"/> calls, searches otherwise), latencies by window.</summary>
    private async Task<IReadOnlyList<WindowResult>> LoadAsync(IMemoryClient memory, string[] users, int siloProcessId, string name, CancellationToken cancellationToken)
    {
        var windowCount = (int)Math.Ceiling(options.Duration / options.Window);
        var histograms = Enumerable.Range(0, windowCount).Select(_ => new LongHistogram(HighestLatencyMicroseconds, SignificantDigits)).ToArray();
        var errors = new long[windowCount];
        var cpu = new TimeSpan[windowCount + 1];
        using var siloProcess = Process.GetProcessById(siloProcessId);
        var start = Stopwatch.GetTimestamp();
        var sequence = 0L;

        async Task CallerAsync(int caller)
        {
            var random = new Random(caller);
            while (!cancellationToken.IsCancellationRequested)
            {
                var began = Stopwatch.GetTimestamp();
                var window = (int)(Stopwatch.GetElapsedTime(start) / options.Window);
                if (window >= windowCount)
                {
                    return;
                }

                var user = users[random.Next(users.Length)];
                try
                {
                    if (random.Next(RememberOneIn) == 0)
                    {
                        await memory.RememberAsync(user, new NewMemory(SampleText(Interlocked.Increment(ref sequence))));
                    }
                    else
                    {
                        await memory.SearchAsync(user, new SearchQuery("hotel near the station", Mode: options.SearchMode));
                    }

                    var micros = (long)Stopwatch.GetElapsedTime(began).TotalMicroseconds;
                    lock (histograms[window])
                    {
                        histograms[window].RecordValue(Math.Min(micros, HighestLatencyMicroseconds));
                    }
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    Interlocked.Increment(ref errors[window]);
                }
            }
        }

        async Task SampleCpuAsync()
        {
            cpu[0] = siloProcess.TotalProcessorTime;
            for (var i = 1; i <= windowCount; i++)
            {
                var due = options.Window * i - Stopwatch.GetElapsedTime(start);
                if (due > TimeSpan.Zero)
                {
                    await Task.Delay(due, cancellationToken);
                }

                siloProcess.Refresh();
                cpu[i] = siloProcess.TotalProcessorTime;
                progress.WriteLine($"first-minute: {name}: {(options.Window * i).TotalSeconds:0} s, {histograms[i - 1].TotalCount:N0} calls in the last window");
            }
        }

        await Task.WhenAll(Enumerable.Range(0, options.Callers).Select(CallerAsync).Append(SampleCpuAsync()));
        return Enumerable.Range(0, windowCount).Select(i =>
        {
            var calls = histograms[i].TotalCount;
            return new WindowResult(
                options.Window * (i + 1),
                calls / options.Window.TotalSeconds,
                Milliseconds(histograms[i], 50),
                Milliseconds(histograms[i], 99),
                calls == 0 ? 0 : (cpu[i + 1] - cpu[i]).TotalMilliseconds / calls,
                errors[i]);
        }).ToList();
    }

    private async Task<StartedSilo> StartSiloAsync(string folder, string name, bool warmUp, string assembly, CancellationToken cancellationToken)
    {
        var environment = BenchmarkSiloSettings.ProcessEnvironment(new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = Environments.Development,
            ["DOTNET_ENVIRONMENT"] = Environments.Development,
            [$"{EmbeddedStoreOptions.SectionName}:{nameof(EmbeddedStoreOptions.Port)}"] = LoopbackPorts.Free().ToString(CultureInfo.InvariantCulture),
            [$"{WarmUpOptions.SectionName}:{nameof(WarmUpOptions.Enabled)}"] = warmUp ? "true" : "false",
        });

        var silo = new SiloProcess(name, assembly, folder, environment);
        try
        {
            await silo.StartAsync(cancellationToken);
            return new StartedSilo(silo, Path.Combine(folder, name));
        }
        catch
        {
            await silo.DisposeAsync();
            throw;
        }
    }

    private static Task<IHost> StartClientAsync(StartedSilo silo, CancellationToken cancellationToken)
    {
        var secrets = DevelopmentSecretsFile.Read(DevelopmentSecretsFile.PathIn(silo.DataPath));
        var now = DateTime.UtcNow;
        var token = MemoryTokenIssuer.Create(secrets.TokenSigningKey, "first-minute", now.AddMinutes(-5), now.AddDays(1), admin: true);
        return BenchmarkClient.StartAsync([silo.Silo.GatewayPort], clusteringStore: null, token, ResponseTimeout, ClientStartTimeout, cancellationToken);
    }

    private static string SampleText(long n) => string.Create(CultureInfo.InvariantCulture, $"Trip note {n}: prefers a quiet room near the station, an aisle seat and breakfast before 7");

    private static double Milliseconds(LongHistogram histogram, double percentile) =>
        histogram.TotalCount == 0 ? 0 : histogram.GetValueAtPercentile(percentile) / 1000.0;

    /// <summary>A silo process and its data folder; disposing kills what is still running.</summary>
    private sealed record StartedSilo(SiloProcess Silo, string DataPath) : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => Silo.DisposeAsync();
    }
}
