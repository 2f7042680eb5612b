using TripSage.Memory.Grains.Storage;

namespace TripSage.Memory.Tests.Unit.Storage;

public sealed class FileWrappedKeyStoreTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("tripsage-keys-").FullName;

    private string KeyFile => Path.Combine(_folder, FileWrappedKeyStore.FileName);

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task RemoveThenCompact_LeavesNoCopyOfTheRemovedKeyInTheFolder()
    {
        await using (var keys = new FileWrappedKeyStore(_folder))
        {
            await keys.AddAsync("alice", "k1:00:alice-wrapped");
            await keys.AddAsync("bob", "k1:00:bob-wrapped");
            await keys.RemoveAsync("alice");
            await keys.CompactAsync();
        }

        var everything = string.Concat(Directory.EnumerateFiles(_folder).Select(File.ReadAllText));
        Assert.DoesNotContain("alice", everything);
        Assert.Contains("bob-wrapped", everything);
    }

    [Fact]
    public async Task TornLastLine_IsDroppedAtLoad_AndTheNextAppendStaysReadable()
    {
        await File.WriteAllTextAsync(KeyFile, "alice\tk1:00:alice-wrapped\nbob\tk1:00:bo");
        await using (var keys = new FileWrappedKeyStore(_folder))
        {
            Assert.Null(await keys.GetAsync("bob"));
            Assert.True(await keys.AddAsync("carol", "k1:00:carol-wrapped"));
        }

        await using var reopened = new FileWrappedKeyStore(_folder);
        Assert.Equal("k1:00:alice-wrapped", await reopened.GetAsync("alice"));
        Assert.Equal("k1:00:carol-wrapped", await reopened.GetAsync("carol"));
    }

    [Fact]
    public async Task Replace_WithAStaleExpectedValue_ChangesNothing()
    {
        await using var keys = new FileWrappedKeyStore(_folder);
        await keys.AddAsync("alice", "k1:00:first");

        Assert.False(await keys.ReplaceAsync("alice", "k1:00:other", "k2:00:second"));
        Assert.Equal("k1:00:first", await keys.GetAsync("alice"));
    }
}
