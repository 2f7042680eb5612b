using System.Buffers;
using System.Text;

namespace TripSage.Memory.Grains.Audit;

/// <summary>
/// The stored form of a page: consecutive events of one user in a compact binary encoding, the
/// unit one append writes (<see cref="AuditLog"/>). No field names; a string repeated within the
/// page (actor, scopes, operation, outcome, key id) is written once and referred to by index; times
/// are deltas in ticks; trace ids and hashes are raw bytes. An event's previous hash is not stored:
/// it is the hash of the event before it, which the reader fills in, so verification still
/// recomputes every event's HMAC over the same canonical form (<see cref="AuditChain"/>) and a
/// missing or reordered predecessor still breaks it.
/// </summary>
internal static class AuditPageCodec
{
    /// <summary>First byte of a page; JSON events of the earlier format start with <c>{</c>.</summary>
    public const byte Version = 0xA1;

    private const int HashBytes = 32;
    private const int TraceBytes = 16;

    private enum TraceForm : byte
    {
        None = 0,
        Hex = 1,
        Text = 2,
    }

    public static byte[] Encode(IReadOnlyList<AuditEvent> events)
    {
        var buffer = new ArrayBufferWriter<byte>(64 + (events.Count * 160));
        var strings = new Dictionary<string, int>(StringComparer.Ordinal);
        buffer.Write([Version]);
        WriteVarint(buffer, (ulong)events[0].Sequence);
        WriteVarint(buffer, (ulong)events.Count);
        var previousTicks = 0L;
        foreach (var e in events)
        {
            var ticks = e.Time.UtcTicks;
            WriteVarint(buffer, ZigZag(ticks - previousTicks));
            previousTicks = ticks;
            WriteString(buffer, strings, e.Actor);
            WriteVarint(buffer, (ulong)e.Scopes.Count);
            foreach (var scope in e.Scopes)
            {
                WriteString(buffer, strings, scope);
            }

            WriteString(buffer, strings, e.Operation);
            WriteString(buffer, strings, e.Outcome);
            WriteVarint(buffer, (ulong)e.MemoryIds.Count);
            foreach (var id in e.MemoryIds)
            {
                WriteString(buffer, strings, id);
            }

            WriteTrace(buffer, strings, e.TraceId);
            WriteString(buffer, strings, e.Detail);
            WriteString(buffer, strings, e.KeyId);
            buffer.Write(Convert.FromHexString(e.Hash));
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>
    /// The page's events for <paramref name="userId"/>; the first one's previous hash is
    /// <paramref name="previousHash"/>. Throws <see cref="FormatException"/> when the bytes are not a page.
    /// </summary>
    public static List<AuditEvent> Decode(ReadOnlySpan<byte> page, string userId, string previousHash)
    {
        var reader = new Reader(page);
        if (reader.Byte() != Version)
        {
            throw new FormatException("not an audit page");
        }

        var sequence = (long)reader.Varint();
        var count = (int)Math.Min(reader.Varint(), (ulong)page.Length);
        var strings = new List<string>();
        var events = new List<AuditEvent>(count);
        var ticks = 0L;
        for (var i = 0; i < count; i++)
        {
            ticks += UnZigZag(reader.Varint());
            var actor = reader.String(strings) ?? throw new FormatException("event without actor");
            var scopes = new string[(int)Math.Min(reader.Varint(), (ulong)page.Length)];
            for (var s = 0; s < scopes.Length; s++)
            {
                scopes[s] = reader.String(strings) ?? throw new FormatException("null scope");
            }

            var operation = reader.String(strings) ?? throw new FormatException("event without operation");
            var outcome = reader.String(strings) ?? throw new FormatException("event without outcome");
            var memoryIds = new string[(int)Math.Min(reader.Varint(), (ulong)page.Length)];
            for (var m = 0; m < memoryIds.Length; m++)
            {
                memoryIds[m] = reader.String(strings) ?? throw new FormatException("null memory id");
            }

            var traceId = reader.Trace(strings);
            var detail = reader.String(strings);
            var keyId = reader.String(strings) ?? throw new FormatException("event without key id");
            var hash = Convert.ToHexStringLower(reader.Bytes(HashBytes));
            events.Add(new AuditEvent
            {
                UserId = userId,
                Sequence = sequence + i,
                Time = new DateTimeOffset(ticks, TimeSpan.Zero),
                Actor = actor,
                Scopes = scopes,
                Operation = operation,
                Outcome = outcome,
                MemoryIds = memoryIds,
                TraceId = traceId,
                Detail = detail,
                KeyId = keyId,
                PreviousHash = previousHash,
                Hash = hash,
            });
            previousHash = hash;
        }

        if (!reader.AtEnd)
        {
            throw new FormatException("trailing bytes after the last event");
        }

        return events;
    }

    private static void WriteTrace(ArrayBufferWriter<byte> buffer, Dictionary<string, int> strings, string? traceId)
    {
        if (traceId is null)
        {
            buffer.Write([(byte)TraceForm.None]);
        }
        else if (traceId.Length == TraceBytes * 2 && IsLowerHex(traceId))
        {
            buffer.Write([(byte)TraceForm.Hex]);
            buffer.Write(Convert.FromHexString(traceId));
        }
        else
        {
            buffer.Write([(byte)TraceForm.Text]);
            WriteString(buffer, strings, traceId);
        }
    }

    private static bool IsLowerHex(string text) => text.All(c => char.IsAsciiDigit(c) || c is >= 'a' and <= 'f');

    // 0: null; 1: a new string follows (length, UTF-8) and joins the table; n ≥ 2: table entry n - 2.
    private static void WriteString(ArrayBufferWriter<byte> buffer, Dictionary<string, int> strings, string? value)
    {
        if (value is null)
        {
            WriteVarint(buffer, 0);
            return;
        }

        if (strings.TryGetValue(value, out var index))
        {
            WriteVarint(buffer, (ulong)index + 2);
            return;
        }

        strings[value] = strings.Count;
        WriteVarint(buffer, 1);
        var bytes = Encoding.UTF8.GetBytes(value);
        WriteVarint(buffer, (ulong)bytes.Length);
        buffer.Write(bytes);
    }

    private static void WriteVarint(ArrayBufferWriter<byte> buffer, ulong value)
    {
        var span = buffer.GetSpan(10);
        var written = 0;
        while (value >= 0x80)
        {
            span[written++] = (byte)(value | 0x80);
            value >>= 7;
        }

        span[written++] = (byte)value;
        buffer.Advance(written);
    }

    private static ulong ZigZag(long value) => (ulong)((value << 1) ^ (value >> 63));

    private static long UnZigZag(ulong value) => (long)(value >> 1) ^ -(long)(value & 1);

    private ref struct Reader(ReadOnlySpan<byte> data)
    {
        private readonly ReadOnlySpan<byte> _data = data;
        private int _position;

        public readonly bool AtEnd => _position == _data.Length;

        public byte Byte() => _position < _data.Length ? _data[_position++] : throw new FormatException("page ends early");

        public ReadOnlySpan<byte> Bytes(int length)
        {
            if (length < 0 || _data.Length - _position < length)
            {
                throw new FormatException("page ends early");
            }

            var bytes = _data.Slice(_position, length);
            _position += length;
            return bytes;
        }

        public ulong Varint()
        {
            ulong value = 0;
            for (var shift = 0; shift < 64; shift += 7)
            {
                var b = Byte();
                value |= (ulong)(b & 0x7F) << shift;
                if (b < 0x80)
                {
                    return value;
                }
            }

            throw new FormatException("varint too long");
        }

        public string? String(List<string> strings)
        {
            var tag = Varint();
            switch (tag)
            {
                case 0:
                    return null;
                case 1:
                    var length = Varint();
                    var value = Encoding.UTF8.GetString(Bytes(length > int.MaxValue ? -1 : (int)length));
                    strings.Add(value);
                    return value;
                default:
                    return tag - 2 < (ulong)strings.Count ? strings[(int)(tag - 2)] : throw new FormatException("string index out of range");
            }
        }

        public string? Trace(List<string> strings) => (TraceForm)Byte() switch
        {
            TraceForm.None => null,
            TraceForm.Hex => Convert.ToHexStringLower(Bytes(TraceBytes)),
            TraceForm.Text => String(strings),
            _ => throw new FormatException("unknown trace form"),
        };
    }
}
