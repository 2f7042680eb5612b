using TripSage.Memory.Cli;

namespace TripSage.Memory.Tests.Integration.Cli;

/// <summary>Runs the tool in-process, as a shell would, capturing both streams.</summary>
internal static class CliInvocation
{
    /// <summary>A local port nothing listens on, so any connection attempt is refused at once.</summary>
    public const string ClosedGateway = "127.0.0.1:1";

    public static async Task<CliOutcome> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = await CliApplication.RunAsync(args, output, error);
        return new CliOutcome(exitCode, output.ToString(), error.ToString());
    }
}
