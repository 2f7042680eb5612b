using TripSage.Memory.Cli.Output;
using TripSage.Memory.Client.Mem0;

namespace TripSage.Memory.Tests.Unit.Cli;

/// <summary>The human summary of <c>import-mem0</c>: an item alone with its problem on its own line, the same problem on many items on one.</summary>
public sealed class Mem0ImportOutputTests
{
    [Fact]
    public void WriteMem0Imported_SameProblemOnManyItems_OneLinePerOutcomeAndReason()
    {
        var problems = new List<Mem0ImportProblem>
        {
            new(3, "a", "alice", Mem0ImportProblem.Rejected, "items[3].text: rejected by the content policy (card-number)"),
            new(20, "x", "bob", Mem0ImportProblem.MetadataDropped, "items[20].metadata.seats: an array"),
        };
        problems.AddRange(Enumerable.Range(10, 5).Select(i => new Mem0ImportProblem(i, $"m{i}", "bob", Mem0ImportProblem.MetadataDropped, $"items[{i}].metadata.trip: a JSON object")));
        problems.AddRange(Enumerable.Range(30, 2).Select(i => new Mem0ImportProblem(i, $"c{i}", "carol", Mem0ImportProblem.NotImported, "Access denied: the token belongs to another user")));
        var output = new StringWriter();

        HumanOutput.WriteMem0Imported(output, new Mem0ImportSummary(40, 3, 35, 2, 1, 2, problems));

        Assert.Equal(
            [
                "read 40 items for 3 users: imported 35, already held 2, rejected 1, not imported 2",
                "items[3] rejected: items[3].text: rejected by the content policy (card-number)",
                "items[20] metadata_dropped: items[20].metadata.seats: an array",
                "metadata_dropped on 5 items (items[10], items[11], items[12] and 2 more): metadata.trip: a JSON object",
                "not_imported on 2 items (items[30], items[31]): Access denied: the token belongs to another user",
                "run the same command again (later, or with a token that reaches those users) to import the items not imported; nothing already imported is added twice",
            ],
            output.ToString().TrimEnd().Split(Environment.NewLine));
    }
}
