using System.Diagnostics;

namespace TripSage.Memory.Tests.Integration.Deploy;

/// <summary>
/// <c>promtool</c> from the Debian package <c>prometheus</c>. Tests that need it are skipped when it is
/// missing, unless <c>TRIPSAGE_REQUIRE_PROMTOOL=1</c> (set by <c>.ci/run</c>), where a missing promtool is a failure.
/// </summary>
internal static class Promtool
{
    private static readonly TimeSpan RunTimeout = TimeSpan.FromSeconds(60);

    public static string? Executable { get; } = FindExecutable();

    public static void SkipUnlessAvailable()
    {
        if (Executable is null && Environment.GetEnvironmentVariable("TRIPSAGE_REQUIRE_PROMTOOL") == "1")
        {
            throw new InvalidOperationException("TRIPSAGE_REQUIRE_PROMTOOL=1 but promtool is not on PATH; install it with: apt-get install -y prometheus");
        }

        Skip.If(Executable is null, "promtool is not installed (apt-get install -y prometheus); .ci/run installs it and requires these tests.");
    }

    /// <summary>Runs promtool in the repository root; returns its exit code and everything it printed.</summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo(Executable!)
        {
            WorkingDirectory = RepositoryFiles.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(RunTimeout);
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output + await error);
    }

    private static string? FindExecutable() =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Append("/usr/bin")
            .Select(dir => Path.Combine(dir, "promtool"))
            .FirstOrDefault(File.Exists);
}
