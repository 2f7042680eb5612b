using System.CommandLine;
using TripSage.Memory.Cli.Output;

namespace TripSage.Memory.Cli.Commands;

/// <summary><c>release</c>: serves a quarantined memory to search and context again (admin).</summary>
internal static class ReleaseCommand
{
    public static Command Create(GlobalOptions options, GridCommandRunner runner)
    {
        var id = MemoryOptionFactory.MemoryId("The quarantined memory's id (list marks it [quarantined]).");

        var command = options.UserCommand("release", "Release a quarantined memory so search and context serve it again (needs an admin token).");
        command.Options.Add(id);
        command.SetAction((parse, cancellationToken) => runner.RunAsync(
            parse,
            (client, userId) => client.ReleaseQuarantineAsync(userId, parse.GetRequiredValue(id)),
            HumanOutput.WriteMemory,
            cancellationToken));
        return command;
    }
}
