using TripSage.Memory.Grains.Telemetry;
using TripSage.Memory.Grains.Operations;
using TripSage.Memory.Hosting.Telemetry;

namespace TripSage.Memory.Tests.Unit.Telemetry;

/// <summary>Operation and outcome labels, and the redaction of user ids from span attributes.</summary>
public sealed class TelemetryLabelTests
{
    [Theory]
    [InlineData(nameof(IUserMemoryGrain.RememberAsync), "remember")]
    [InlineData(nameof(IUserMemoryGrain.AddConversationAsync), "add_conversation")]
    [InlineData(nameof(IUserMemoryGrain.GetStatsAsync), "stats")]
    [InlineData(nameof(IUserMemoryGrain.GetContextAsync), "context")]
    [InlineData(nameof(IUserMemoryGrain.SetPreferencesAsync), "set_preferences")]
    public void MemoryOperations_OfAGrainMethod_IsItsOneName(string method, string expected) =>
        Assert.Equal(expected, MemoryOperations.Of(method).Name);

    [Fact]
    public void MemoryOperations_EveryGrainMethod_IsClassifiedOnceUnderADistinctName()
    {
        var methods = typeof(IUserMemoryGrain).GetMethods().Select(m => m.Name).ToList();

        Assert.Equal(methods.Order(), MemoryOperations.All.Select(o => MethodOf(o)).Order());
        Assert.Equal(MemoryOperations.All.Count, MemoryOperations.All.Select(o => o.Name).Append(MemoryOperations.Expire.Name).Distinct().Count() - 1);
    }

    [Fact]
    public void MemoryOperations_AnUnclassifiedMethod_FailsClosed()
    {
        var operation = MemoryOperations.Of("PurgeEverythingAsync");

        Assert.Equal("purgeeverything", operation.Name);
        Assert.True(operation.AdminOnly);
        Assert.Equal(OperationClass.Sensitive, operation.Class);
    }

    private static string MethodOf(MemoryOperation operation) =>
        typeof(IUserMemoryGrain).GetMethods().Single(m => MemoryOperations.Of(m) == operation).Name;

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
        Assert.Equal("store_unavailable", OperationOutcome.Of(new StoreUnavailableException("the memory store is unreachable")));
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
