using System.CommandLine;
using TripSage.Memory.Cli.Output;

namespace TripSage.Memory.Cli.Commands;

/// <summary><c>audit</c>: lists a user's audit events, or verifies the whole chain with <c>--verify</c>.</summary>
internal static class AuditCommand
{
    private const int DefaultLimit = 500;

    public static Command Create(GlobalOptions options, GridCommandRunner runner)
    {
        var since = new Option<long>("--since") { Description = "First sequence number to list.", DefaultValueFactory = _ => 1 };
        var limit = new Option<int>("--limit") { Description = "Most events to list.", DefaultValueFactory = _ => DefaultLimit };
        var verify = new Option<bool>("--verify") { Description = "Check the whole trail: exit 1 naming the first missing, reordered or altered event." };

        var command = options.UserCommand("audit", "List a user's audit trail, or verify it.");
        command.Options.Add(since);
        command.Options.Add(limit);
        command.Options.Add(verify);
        command.SetAction((parse, cancellationToken) => parse.GetValue(verify)
            ? runner.RunAsync(parse, async (client, userId) => Verified(await client.VerifyAuditAsync(userId)), HumanOutput.WriteAuditVerification, cancellationToken)
            : runner.RunAsync(parse, (client, userId) => client.ReadAuditAsync(userId, parse.GetValue(since), parse.GetValue(limit)), HumanOutput.WriteAuditEvents, cancellationToken));
        return command;
    }

    private static AuditVerification Verified(AuditVerification verification) => verification.Valid
        ? verification
        : throw new AuditTrailBrokenException($"audit trail broken at sequence {verification.FirstBadSequence}: {verification.Problem}");
}
