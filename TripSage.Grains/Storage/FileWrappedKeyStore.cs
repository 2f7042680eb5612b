using System.Text;

namespace TripSage.Memory.Grains.Storage;

/// <summary>
/// The wrapped data keys in one file of a folder (<c>TripSage:Encryption:KeyStorePath</c>), the key
/// store of a silo on the embedded store. New keys are appended (one line, <c>userId TAB wrapped</c>,
/// flushed to disk before the call returns); a removal or rotation rewrites the whole file with only
/// the live keys into a temporary file, flushes it and renames it over the old one, so the old file,
/// and every removed key in it, is gone from the folder when <see cref="CompactAsync"/> returns. The
/// file is small (about 120 bytes a user), which is what makes rewriting it on every erase cheap.
/// One process owns the folder: a lock file held open without sharing keeps a second silo out.
/// </summary>
internal sealed class FileWrappedKeyStore : IWrappedKeyStore
{
    /// <summary>The file holding the keys, inside the configured folder.</summary>
    public const string FileName = "wrapped-keys";

    private const string LockFileName = "wrapped-keys.lock";
    private const string TemporarySuffix = ".new";

    private readonly string _folder;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private Dictionary<string, string>? _keys;
    private FileStream? _lock;
    private bool _dirty;

    public FileWrappedKeyStore(string folder) => _folder = folder;

    public bool Shreds => true;

    private string FilePath => Path.Combine(_folder, FileName);

    public Task<string?> GetAsync(string userId) => WithKeysAsync(keys => Task.FromResult(keys.GetValueOrDefault(userId)));

    public Task<bool> AddAsync(string userId, string wrapped) => WithKeysAsync(async keys =>
    {
        if (!keys.TryAdd(userId, wrapped))
        {
            return false;
        }

        await AppendAsync(userId, wrapped);
        return true;
    });

    public Task<bool> ReplaceAsync(string userId, string expected, string replacement) => WithKeysAsync(async keys =>
    {
        if (keys.GetValueOrDefault(userId) != expected)
        {
            return false;
        }

        // Appended, not rewritten: a rotation replaces every key and compacts once at the end.
        keys[userId] = replacement;
        await AppendAsync(userId, replacement);
        _dirty = true;
        return true;
    });

    public Task RemoveAsync(string userId) => WithKeysAsync(keys =>
    {
        _dirty |= keys.Remove(userId);
        return Task.FromResult(true);
    });

    public async IAsyncEnumerable<KeyValuePair<string, string>> ListAsync()
    {
        foreach (var entry in await WithKeysAsync(keys => Task.FromResult(keys.ToList())))
        {
            yield return entry;
        }
    }

    public Task CompactAsync() => WithKeysAsync(async keys =>
    {
        if (_dirty)
        {
            await RewriteAsync(keys);
            _dirty = false;
        }

        return true;
    });

    public ValueTask DisposeAsync()
    {
        _lock?.Dispose();
        _gate.Dispose();
        return ValueTask.CompletedTask;
    }

    private async Task<T> WithKeysAsync<T>(Func<Dictionary<string, string>, Task<T>> action)
    {
        await _gate.WaitAsync();
        try
        {
            _keys ??= await LoadAsync();
            return await action(_keys);
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<Dictionary<string, string>> LoadAsync()
    {
        Directory.CreateDirectory(_folder);
        try
        {
            _lock = new FileStream(Path.Combine(_folder, LockFileName), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException ex)
        {
            throw new InvalidOperationException(
                $"The data key folder '{_folder}' ({SnapshotEncryptionOptions.SectionName}:KeyStorePath) is in use by another process; each silo needs its own.", ex);
        }

        // A rewrite that did not reach its rename left only a temporary file; the old file is intact.
        File.Delete(FilePath + TemporarySuffix);
        var keys = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!File.Exists(FilePath))
        {
            return keys;
        }

        var text = await File.ReadAllTextAsync(FilePath, Encoding.UTF8);
        var lines = text.Split('\n');

        // The last piece has no line end: empty, or an append a crash cut short (never acknowledged).
        foreach (var line in lines[..^1])
        {
            var tab = line.IndexOf('\t', StringComparison.Ordinal);
            if (tab <= 0)
            {
                throw new SnapshotUnreadableException($"The data key file '{FilePath}' has a malformed line; it was not written by this service or it was altered.");
            }

            keys[line[..tab]] = line[(tab + 1)..];
        }

        if (lines[^1].Length > 0 || keys.Count < lines.Length - 1)
        {
            await RewriteAsync(keys);
        }

        return keys;
    }

    private async Task AppendAsync(string userId, string wrapped)
    {
        await using var file = new FileStream(FilePath, FileMode.Append, FileAccess.Write, FileShare.Read);
        await file.WriteAsync(Encoding.UTF8.GetBytes($"{userId}\t{wrapped}\n"));
        file.Flush(flushToDisk: true);
    }

    private async Task RewriteAsync(Dictionary<string, string> keys)
    {
        var temporary = FilePath + TemporarySuffix;
        var text = new StringBuilder(keys.Count * 128);
        foreach (var (userId, wrapped) in keys)
        {
            text.Append(userId).Append('\t').Append(wrapped).Append('\n');
        }

        await using (var file = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            await file.WriteAsync(Encoding.UTF8.GetBytes(text.ToString()));
            file.Flush(flushToDisk: true);
        }

        // rename(2) replaces the old file in one step: a crash leaves either the old file or the new one.
        File.Move(temporary, FilePath, overwrite: true);
    }
}
