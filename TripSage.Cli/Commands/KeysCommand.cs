using System.CommandLine;
using TripSage.Memory.Cli.Output;

namespace TripSage.Memory.Cli.Commands;

/// <summary><c>keys rotate</c>: re-wraps every user's data key under the current master key.</summary>
internal static class KeysCommand
{
    public static Command Create(GridCommandRunner runner)
    {
        var rotate = new Command(
            "rotate",
            "Re-wrap every user's data key under the current master key (TripSage:Encryption:CurrentKeyId), "
            + "after a new master key was added to the ring and made current on every silo. Needs an admin token.");
        rotate.SetAction((parse, cancellationToken) => runner.RunAsync(
            parse,
            (client, _) => client.RewrapDataKeysAsync(),
            HumanOutput.WriteKeyRotation,
            cancellationToken));
        return new Command("keys", "Manage the grid's encryption keys.") { rotate };
    }
}
