using System.CommandLine;
using TripSage.Memory.Cli.Output;

namespace TripSage.Memory.Cli.Commands;

/// <summary><c>get</c>: one memory in full.</summary>
internal static class GetCommand
{
    public static Command Create(GlobalOptions options, GridCommandRunner runner)
    {
        var id = MemoryOptionFactory.MemoryId("The memory's id.");

        var command = options.UserCommand("get", "Show one memory.");
        command.Options.Add(id);
        command.SetAction((parse, cancellationToken) => runner.RunAsync(
            parse,
            async (client, userId) =>
            {
                var memoryId = parse.GetRequiredValue(id);

                // The grid answers "none" with null; the CLI reports it like every other not-found.
                return await client.GetAsync(userId, memoryId) ?? throw new MemoryNotFoundException(memoryId);
            },
            HumanOutput.WriteMemory,
            cancellationToken));
        return command;
    }
}
