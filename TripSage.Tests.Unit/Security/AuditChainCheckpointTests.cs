using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using TripSage.Memory.Grains.Audit;
using TripSage.Memory.Grains.Storage;

namespace TripSage.Memory.Tests.Unit.Security;

/// <summary>A trail whose oldest events retention removed still verifies from its signed checkpoint, and nothing else does.</summary>
public sealed class AuditChainCheckpointTests
{
    private const string User = "alice";
    private static readonly DateTimeOffset Now = DateTimeOffset.Parse("2026-03-01T10:00:00Z");
    private readonly AuditChain _chain = new(new KeyRing(Options.Create(new SnapshotEncryptionOptions
    {
        CurrentKeyId = "k1",
        Keys = { ["k1"] = Convert.ToBase64String(SHA256.HashData("audit-test"u8)) },
    })));

    [Fact]
    public void Verify_KeptEventsAfterACheckpoint_IsValid()
    {
        var events = Chain(6);
        var checkpoint = _chain.Checkpoint(User, 3, events[2].Hash, Now);

        var result = _chain.Verify(User, checkpoint, events.Skip(3).ToList());

        Assert.True(result.Valid, result.Problem);
        Assert.Equal(3, result.EventCount);
    }

    [Fact]
    public void Verify_KeptEventsWithoutTheirCheckpoint_ReportsTheFirstEventMissing()
    {
        var events = Chain(6);

        var result = _chain.Verify(User, null, events.Skip(3).ToList());

        Assert.False(result.Valid);
        Assert.Equal(1, result.FirstBadSequence);
    }

    [Fact]
    public void Verify_CheckpointMovedForward_DoesNotAuthenticate()
    {
        var events = Chain(6);
        var honest = _chain.Checkpoint(User, 3, events[2].Hash, Now);
        var moved = honest with { Sequence = 4, Hash = events[3].Hash };

        var result = _chain.Verify(User, moved, events.Skip(4).ToList());

        Assert.False(result.Valid);
        Assert.Contains("checkpoint", result.Problem);
    }

    [Fact]
    public void Verify_CheckpointOfAnotherUser_DoesNotAuthenticate()
    {
        var events = Chain(6);
        var bobs = _chain.Checkpoint("bob", 3, events[2].Hash, Now);

        Assert.False(_chain.Verify(User, bobs, events.Skip(3).ToList()).Valid);
    }

    [Fact]
    public void Verify_EventRemovedAfterTheCheckpoint_IsFoundThere()
    {
        var events = Chain(6);
        var checkpoint = _chain.Checkpoint(User, 3, events[2].Hash, Now);

        var result = _chain.Verify(User, checkpoint, events.Skip(3).Where(e => e.Sequence != 5).ToList());

        Assert.False(result.Valid);
        Assert.Equal(5, result.FirstBadSequence);
    }

    private List<AuditEvent> Chain(int count)
    {
        var events = new List<AuditEvent>();
        var previous = string.Empty;
        for (var sequence = 1; sequence <= count; sequence++)
        {
            var linked = _chain.Link(
                new AuditEvent { Sequence = sequence, Time = Now.AddMinutes(sequence), Actor = User, Operation = "search", Outcome = "ok", KeyId = "", PreviousHash = "", Hash = "" },
                previous);
            events.Add(linked);
            previous = linked.Hash;
        }

        return events;
    }
}
