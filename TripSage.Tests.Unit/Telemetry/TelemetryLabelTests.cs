using TripSage.Memory.Grains.Telemetry;
using TripSage.Memory.Hosting.Telemetry;

namespace TripSage.Memory.Tests.Unit.Telemetry;

/// <summary>Operation and outcome labels, and the redaction of user ids from span attributes.</summary>
public sealed class TelemetryLabelTests
{
    [Theory]
    [InlineData("RememberAsync", "remember")]
    [InlineData("AddConversationAsync", "add_conversation")]
    [InlineData("GetStatsAsync", "get_stats")]
    [InlineData("SetPreferencesAsync", "set_preferences")]
    public void OperationName_OfAGrainMethod_IsSnakeCaseWithoutAsync(string method, string expected) =>
        Assert.Equal(expected, OperationName.FromMethodName(method));

    [Fact]
    public void OperationOutcome_OfEachKnownExceptionType_IsItsLabel()
    {
        Assert.Equal("ok", OperationOutcome.Of(null));
        Assert.Equal("invalid", OperationOutcome.Of(new MemoryValidationException("text", "too long", "8192 bytes")));
        Assert.Equal("not_found", OperationOutcome.Of(new MemoryNotFoundException("m1")));
        Assert.Equal("snapshot_unreadable", OperationOutcome.Of(new SnapshotUnreadableException("unreadable")));
        Assert.Equal("rate_limited", OperationOutcome.Of(new RateLimitExceededException("write", TimeSpan.FromSeconds(1))));
        Assert.Equal("denied", OperationOutcome.Of(new AccessDeniedException("not your memory")));
        Assert.Equal("rejected", OperationOutcome.Of(new MemoryRejectedException("text", ["prompt_injection"])));
        Assert.Equal("error", OperationOutcome.Of(new InvalidOperationException()));
    }

    [Fact]
    public void Redact_AGrainIdInAnAttribute_ReplacesTheUserIdWithItsHash()
    {
        var processor = new UserIdRedactionProcessor("usermemory");

        var redacted = processor.Redact("Error from storage for 'usermemory/alice@example.com'");

        Assert.DoesNotContain("alice", redacted);
        Assert.Contains($"usermemory/#{UserIdHash.Of("alice@example.com")}", redacted);
        Assert.Equal(redacted, processor.Redact(redacted));
    }

    [Fact]
    public void Redact_AStreamRendezvousIdOfAUsersAuditStream_HidesTheUserId()
    {
        var processor = new UserIdRedactionProcessor("usermemory");

        var redacted = processor.Redact("[GrainAddress GrainId pubsubrendezvous/audit/audit/alice, ActivationId: @1]");

        Assert.DoesNotContain("alice", redacted);
        Assert.EndsWith(", ActivationId: @1]", redacted);
    }
}
