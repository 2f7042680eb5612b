using TripSage.Memory.Cli.Output;

namespace TripSage.Memory.Tests.Unit.Cli;

/// <summary>The human line of <c>audit --verify</c> on an intact trail, with and without pages kept aside.</summary>
public sealed class AuditVerificationOutputTests
{
    [Fact]
    public void WriteAuditVerification_IntactTrailWithPagesKeptAside_AddsANoteCountingThem()
    {
        var output = new StringWriter();

        HumanOutput.WriteAuditVerification(output, new AuditVerification(true, 12, null, null, SetAsidePages: 2));

        Assert.Equal(
            [
                "audit trail intact: 12 events, chain verified",
                "note: 2 audit pages a silo held when the cluster declared it dead are kept aside in the store (the user's audit-aside list), not in the trail",
            ],
            output.ToString().TrimEnd().Split(Environment.NewLine));
    }

    [Fact]
    public void WriteAuditVerification_IntactTrailWithNothingAside_IsOneLine()
    {
        var output = new StringWriter();

        HumanOutput.WriteAuditVerification(output, new AuditVerification(true, 12, null, null));

        Assert.Equal("audit trail intact: 12 events, chain verified", output.ToString().TrimEnd());
    }
}
