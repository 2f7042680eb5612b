namespace TripSage.Memory.Tests.Integration.Cli;

/// <summary>What one in-process run of the tool left behind.</summary>
internal sealed record CliOutcome(int ExitCode, string Output, string Error)
{
    public IReadOnlyList<string> ErrorLines =>
        Error.Split(["\r\n", "\n"], StringSplitOptions.RemoveEmptyEntries);
}
