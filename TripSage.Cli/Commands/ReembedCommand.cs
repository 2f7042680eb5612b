using System.CommandLine;
using TripSage.Memory.Cli.Output;
using TripSage.Memory.Client;

namespace TripSage.Memory.Cli.Commands;

/// <summary><c>reembed</c>: moves every memory of a user to the grid's current embedding model, after a model change.</summary>
internal static class ReembedCommand
{
    public static Command Create(GlobalOptions options, GridCommandRunner runner)
    {
        var batch = new Option<int>("--batch")
        {
            Description = "Memories per call to the grid; each call is one snapshot write.",
            DefaultValueFactory = _ => 500,
        };

        var command = options.UserCommand("reembed", "Embed a user's memories again with the grid's current model (after changing models).");
        command.Options.Add(batch);
        command.SetAction((parse, cancellationToken) => runner.RunAsync(
            parse,
            async grid => await ReembedAllAsync(await grid.ConnectAsync(), grid.UserId, parse.GetValue(batch), grid.CancellationToken),
            HumanOutput.WriteReembedded,
            cancellationToken));
        return command;
    }

    // The grid re-embeds in bounded calls so no single call outlasts its timeout; this walks them to the end.
    private static async Task<ReembedResult> ReembedAllAsync(IMemoryClient client, string userId, int batch, CancellationToken cancellationToken)
    {
        var total = 0;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var result = await client.ReembedAsync(userId, batch);
            total += result.Reembedded;
            if (result.Remaining == 0 || result.Reembedded == 0)
            {
                return result with { Reembedded = total };
            }
        }
    }
}
