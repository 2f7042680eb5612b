using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using TripSage.Memory.Grains.Storage;
using TripSage.Memory.Tests.Infrastructure;

namespace TripSage.Memory.Tests.Integration.Security;

/// <summary>
/// What an attacker holding a store's files and the master keys can open: every snapshot envelope
/// copy and every wrapped data key copy found anywhere in the raw bytes of the files under some
/// folders, tried against each other (and each envelope against the master keys themselves).
/// </summary>
internal sealed class RawStoreFiles
{
    private static readonly byte[] Magic = "TSS1"u8.ToArray();
    private readonly List<byte[]> _files;
    private readonly KeyRing _ring;
    private readonly IReadOnlyDictionary<string, byte[]> _masterKeys;
    private readonly int _maxEnvelopeBytes;

    private RawStoreFiles(List<byte[]> files, IReadOnlyDictionary<string, byte[]> masterKeys, int maxEnvelopeBytes)
    {
        _files = files;
        _maxEnvelopeBytes = maxEnvelopeBytes;
        _masterKeys = masterKeys;
        var options = new SnapshotEncryptionOptions { CurrentKeyId = masterKeys.Keys.First() };
        foreach (var (id, key) in masterKeys)
        {
            options.Keys[id] = Convert.ToBase64String(key);
        }

        _ring = new KeyRing(Options.Create(options));
        var ids = string.Join('|', masterKeys.Keys.Select(Regex.Escape));
        var wrappedKey = new Regex($"({ids}):([0-9a-f]{{16}}):([A-Za-z0-9+/]{{80}})", RegexOptions.CultureInvariant);
        WrappedKeys = files.SelectMany(file => wrappedKey.Matches(Encoding.Latin1.GetString(file)).Select(m => m.Value)).Distinct().ToList();
        EnvelopeCopies = files.Sum(file => Offsets(file).Count());
    }

    /// <summary>Every distinct wrapped data key found in the files.</summary>
    public IReadOnlyList<string> WrappedKeys { get; }

    /// <summary>How many places in the files start a snapshot envelope.</summary>
    public int EnvelopeCopies { get; }

    /// <summary>Reads every non-empty file under <paramref name="folders"/> (empty ones are lock files).</summary>
    /// <param name="keyRing">The master keys, as configuration.</param>
    /// <param name="maxEnvelopeBytes">An envelope's end is not marked in the files, so every length up to this is tried.</param>
    /// <param name="folders">The stores' data folders.</param>
    public static RawStoreFiles Read(IReadOnlyDictionary<string, string?> keyRing, int maxEnvelopeBytes, params string[] folders)
    {
        var files = folders.SelectMany(folder => Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories))
            .Where(path => new FileInfo(path).Length > 0)
            .Select(ReadShared)
            .ToList();
        var masterKeys = keyRing.Where(setting => setting.Key.StartsWith($"{SnapshotEncryptionOptions.SectionName}:Keys:", StringComparison.Ordinal))
            .ToDictionary(setting => setting.Key.Split(':')[^1], setting => Convert.FromBase64String(setting.Value!));
        return new RawStoreFiles(files, masterKeys, maxEnvelopeBytes);
    }

    /// <summary>How many envelope copies in the files open as <paramref name="userId"/>'s snapshot with a key found in the files or a master key.</summary>
    public int OpenableCopies(string userId)
    {
        var grainId = $"{MemoryCluster.UserGrainType}/{userId}";
        var dataKeys = WrappedKeys.Select(wrapped => TryUnwrap(wrapped, userId)).OfType<DataKey>().ToList();
        var cipher = new SnapshotCipher(Options.Create(new SnapshotEncryptionOptions()));
        var opened = 0;
        foreach (var file in _files)
        {
            foreach (var offset in Offsets(file))
            {
                if (KeyIdAt(file, offset, grainId) is not { } keyId)
                {
                    continue;
                }

                var candidates = dataKeys.Where(key => key.Id == keyId).Concat(_masterKeys.Values.Select(master => new DataKey(keyId, master)));
                if (candidates.Any(key => Opens(cipher, file, offset, grainId, key, _maxEnvelopeBytes)))
                {
                    opened++;
                }
            }
        }

        return opened;
    }

    private static string? KeyIdAt(byte[] file, int offset, string grainId)
    {
        try
        {
            return SnapshotCipher.KeyIdOf(file.AsSpan(offset), grainId);
        }
        catch (SnapshotUnreadableException)
        {
            return null;
        }
    }

    private static bool Opens(SnapshotCipher cipher, byte[] file, int offset, string grainId, DataKey key, int maxEnvelopeBytes)
    {
        for (var length = Magic.Length + 2 + 1 + 12 + 16; length <= Math.Min(maxEnvelopeBytes, file.Length - offset); length++)
        {
            try
            {
                cipher.Open(file.AsSpan(offset, length), grainId, key);
                return true;
            }
            catch (SnapshotUnreadableException)
            {
            }
        }

        return false;
    }

    private DataKey? TryUnwrap(string wrapped, string userId)
    {
        var parts = wrapped.Split(':');
        try
        {
            return new DataKey(parts[1], _ring.UnwrapDataKey(parts[0], Convert.FromBase64String(parts[2]), userId, parts[1]));
        }
        catch (SnapshotUnreadableException)
        {
            return null;
        }
    }

    private static IEnumerable<int> Offsets(byte[] file)
    {
        for (var offset = file.AsSpan().IndexOf(Magic); offset >= 0;)
        {
            yield return offset;
            var next = file.AsSpan(offset + 1).IndexOf(Magic);
            offset = next < 0 ? -1 : offset + 1 + next;
        }
    }

    // The stores keep their files open while the test reads them.
    private static byte[] ReadShared(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
