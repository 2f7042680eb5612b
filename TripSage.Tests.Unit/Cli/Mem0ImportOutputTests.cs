using TripSage.Memory.Cli.Output;
using TripSage.Memory.Client.Mem0;

namespace TripSage.Memory.Tests.Unit.Cli;

/// <summary>The human summary of <c>import-mem0</c>: rejected items one by one, dropped metadata one line per field and reason.</summary>
public sealed class Mem0ImportOutputTests
{
    [Fact]
    public void WriteMem0Imported_SameMetadataDroppedOnManyItems_OneLinePerFieldAndReason()
    {
        var problems = new List<Mem0ImportProblem>
        {
            new(3, "a", "alice", Mem0ImportProblem.Rejected, "items[3].text: rejected by the content policy (card-number)"),
        };
        problems.AddRange(Enumerable.Range(10, 5).Select(i => new Mem0ImportProblem(i, $"m{i}", "bob", Mem0ImportProblem.MetadataDropped, $"items[{i}].metadata.trip: a JSON object")));
        problems.Add(new(20, "x", "bob", Mem0ImportProblem.MetadataDropped, "items[20].metadata.seats: an array"));
        var output = new StringWriter();

        HumanOutput.WriteMem0Imported(output, new Mem0ImportSummary(30, 2, 28, 1, 1, 0, problems));

        Assert.Equal(
            [
                "read 30 items for 2 users: imported 28, already held 1, rejected 1, not imported 0",
                "items[3] rejected: items[3].text: rejected by the content policy (card-number)",
                "metadata_dropped on 5 items (items[10], items[11], items[12] and 2 more): metadata.trip: a JSON object",
                "metadata_dropped on 1 item (items[20]): metadata.seats: an array",
            ],
            output.ToString().TrimEnd().Split(Environment.NewLine));
    }
}
