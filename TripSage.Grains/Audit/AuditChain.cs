using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using TripSage.Memory.Grains.Storage;

namespace TripSage.Memory.Grains.Audit;

/// <summary>
/// Links audit events into a per-user HMAC chain and checks it. Each event's hash covers every
/// field of the event and the previous event's hash, under a key derived from a master key of the
/// ring (named in the event), so nobody without the key ring can forge, drop or reorder events
/// unnoticed.
/// </summary>
internal sealed class AuditChain(KeyRing keyRing)
{
    /// <summary>The operation and outcome of a placeholder for an event whose stored form cannot be read.</summary>
    public const string Unreadable = "unreadable";

    public AuditEvent Link(AuditEvent unsigned, string previousHash)
    {
        var linked = unsigned with { KeyId = keyRing.CurrentKeyId, PreviousHash = previousHash, Hash = string.Empty };
        return linked with { Hash = Compute(linked) };
    }

    /// <summary>Signs the start of a user's retained trail, after the event <paramref name="sequence"/> with <paramref name="hash"/>.</summary>
    public AuditCheckpoint Checkpoint(string userId, long sequence, string hash, DateTimeOffset time)
    {
        var unsigned = new AuditCheckpoint(sequence, hash, time, keyRing.CurrentKeyId, string.Empty);
        return unsigned with { Signature = Compute(userId, unsigned) };
    }

    /// <summary>Signs the end of a user's trail after an append: event <paramref name="sequence"/> with <paramref name="hash"/>, ending page <paramref name="pages"/>.</summary>
    public AuditHeadMark Mark(string userId, long sequence, string hash, long pages)
    {
        var unsigned = new AuditHeadMark(sequence, hash[..(AuditHeadMark.PrefixBytes * 2)], pages, keyRing.CurrentKeyId, string.Empty);
        return unsigned with { Signature = Compute(userId, unsigned) };
    }

    /// <summary>Whether the mark was signed by a key of the ring for this user and is unaltered.</summary>
    public bool Authentic(string userId, AuditHeadMark mark)
    {
        try
        {
            return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Compute(userId, mark)), Encoding.ASCII.GetBytes(mark.Signature));
        }
        catch (SnapshotUnreadableException)
        {
            return false;
        }
    }

    /// <summary>
    /// Checks that <paramref name="events"/> (sorted by sequence) form one unbroken chain: from
    /// sequence 1, or from just after <paramref name="checkpoint"/> when retention removed older events.
    /// </summary>
    public AuditVerification Verify(string userId, AuditCheckpoint? checkpoint, IReadOnlyList<AuditEvent> events)
    {
        var previousHash = string.Empty;
        var first = 1L;
        if (checkpoint is not null)
        {
            if (!Authentic(userId, checkpoint))
            {
                return Broken(events.Count, checkpoint.Sequence + 1, "the retention checkpoint where the kept trail starts does not authenticate (it was altered or forged)");
            }

            previousHash = checkpoint.Hash;
            first = checkpoint.Sequence + 1;
        }

        for (var i = 0; i < events.Count; i++)
        {
            var expected = first + i;
            var current = events[i];
            if (current.Sequence != expected)
            {
                return Broken(events.Count, expected, current.Sequence > expected
                    ? $"event {expected} is missing (next present is {current.Sequence})"
                    : $"event {current.Sequence} appears out of order");
            }

            if (current.Operation == Unreadable && current.Hash.Length == 0)
            {
                return Broken(events.Count, expected, "it cannot be read (its stored form is not a valid event)");
            }

            if (current.PreviousHash != previousHash)
            {
                return Broken(events.Count, expected, "it does not link to the event before it (an event was removed, replaced or reordered)");
            }

            string computed;
            try
            {
                computed = Compute(current);
            }
            catch (SnapshotUnreadableException)
            {
                return Broken(events.Count, expected, $"it was signed with key id '{current.KeyId}', which is not in the key ring");
            }

            if (!CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(computed), Encoding.ASCII.GetBytes(current.Hash)))
            {
                return Broken(events.Count, expected, "its content does not match its hash (the event was altered)");
            }

            previousHash = current.Hash;
        }

        return new AuditVerification(true, events.Count, null, null);
    }

    private bool Authentic(string userId, AuditCheckpoint checkpoint)
    {
        try
        {
            return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Compute(userId, checkpoint)), Encoding.ASCII.GetBytes(checkpoint.Signature));
        }
        catch (SnapshotUnreadableException)
        {
            return false;
        }
    }

    private string Compute(string userId, AuditCheckpoint c)
    {
        var canonical = new StringBuilder("checkpoint|");
        void Field(string value) => canonical.Append(value.Length).Append(':').Append(value).Append('|');
        Field(userId);
        Field(c.Sequence.ToString(CultureInfo.InvariantCulture));
        Field(c.Hash);
        Field(c.Time.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture));
        Field(c.KeyId);
        return Convert.ToHexStringLower(HMACSHA256.HashData(keyRing.DeriveAuditKey(c.KeyId), Encoding.UTF8.GetBytes(canonical.ToString())));
    }

    private string Compute(string userId, AuditHeadMark m)
    {
        var canonical = new StringBuilder("head|");
        void Field(string value) => canonical.Append(value.Length).Append(':').Append(value).Append('|');
        Field(userId);
        Field(m.Sequence.ToString(CultureInfo.InvariantCulture));
        Field(m.HashPrefix);
        Field(m.Pages.ToString(CultureInfo.InvariantCulture));
        Field(m.KeyId);
        var mac = HMACSHA256.HashData(keyRing.DeriveAuditKey(m.KeyId), Encoding.UTF8.GetBytes(canonical.ToString()));
        return Convert.ToHexStringLower(mac.AsSpan(0, AuditHeadMark.PrefixBytes));
    }

    private static AuditVerification Broken(int count, long sequence, string problem) => new(false, count, sequence, problem);

    private string Compute(AuditEvent e)
    {
        // Length-prefixed fields: no choice of values can make two different events serialize alike.
        var canonical = new StringBuilder();
        void Field(string? value) => canonical.Append(value?.Length ?? -1).Append(':').Append(value).Append('|');
        Field(e.Sequence.ToString(CultureInfo.InvariantCulture));
        Field(e.Time.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture));
        Field(e.Actor);
        Field(string.Join(' ', e.Scopes));
        Field(e.Operation);
        Field(e.Outcome);
        Field(string.Join(',', e.MemoryIds));
        Field(e.TraceId);
        Field(e.Detail);
        Field(e.KeyId);
        Field(e.PreviousHash);
        return Convert.ToHexStringLower(HMACSHA256.HashData(keyRing.DeriveAuditKey(e.KeyId), Encoding.UTF8.GetBytes(canonical.ToString())));
    }
}
