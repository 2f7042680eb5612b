using Microsoft.Extensions.DependencyInjection;
using TripSage.Memory.Grains;
using TripSage.Memory.Grains.Embeddings;
using TripSage.Memory.Grains.WarmUp;
using TripSage.Memory.Hosting;

namespace TripSage.Memory.Tests.Integration.Silo;

/// <summary>The silo's warm-up: the embedding model is loaded before the first call, not by it.</summary>
public sealed class SiloWarmUpTests : IDisposable
{
    private readonly string _dataPath = Directory.CreateTempSubdirectory("tripsage-warm-up-").FullName;

    [Fact]
    public async Task Start_OnDefaults_LoadsTheEmbeddingModelBeforeAnyCall()
    {
        await using var silo = await InProcessSilo.StartDevelopmentAsync(Path.Combine(_dataPath, "on"));

        Assert.True(Model(silo).IsLoaded);
    }

    [Fact]
    public async Task Start_WithWarmUpOff_LeavesTheModelToTheFirstCall()
    {
        await using var silo = await InProcessSilo.StartDevelopmentAsync(
            Path.Combine(_dataPath, "off"),
            new Dictionary<string, string?> { [$"{WarmUpOptions.SectionName}:{nameof(WarmUpOptions.Enabled)}"] = "false" });

        Assert.False(Model(silo).IsLoaded);
    }

    [Fact]
    public async Task WarmUpsSnapshotRead_NamesTheUserGrainsType()
    {
        await using var silo = await InProcessSilo.StartDevelopmentAsync(Path.Combine(_dataPath, "names"));

        // The warm-up reads a snapshot key built from this name; the grain's own must be the same, or it warms another key.
        Assert.Equal(StorageNames.UserGrainType, silo.Grains.GetGrain<IUserMemoryGrain>("someone").GetGrainId().Type.ToString());
    }

    public void Dispose() => Directory.Delete(_dataPath, recursive: true);

    private static MiniLmTextEmbedder Model(InProcessSilo silo) => Assert.IsType<MiniLmTextEmbedder>(silo.App.Services.GetRequiredService<ITextEmbedder>());
}
