using System.Diagnostics;
using System.Security.Cryptography;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Orleans.Serialization;
using Orleans.Storage;
using TripSage.Memory.Grains.Domain;
using TripSage.Memory.Grains.Embeddings;
using TripSage.Memory.Grains.Migration;
using TripSage.Memory.Grains.Search;
using TripSage.Memory.Grains.Security;
using TripSage.Memory.Grains.Security.Auth;
using TripSage.Memory.Grains.Security.Content;
using TripSage.Memory.Grains.Storage;
using TripSage.Memory.Grains.Validation;

namespace TripSage.Memory.Grains.WarmUp;

/// <summary>
/// Runs the steps of a call once, before the gateway accepts the first one: the embedding model is
/// loaded (seconds, otherwise paid by the first remember or search), and token validation, input
/// validation, the content screen, indexing, search, context, serialization and sealing run on a throwaway user held
/// only in memory, so the JIT has compiled them. Nothing is written to the store, no
/// grain is activated and nothing is audited; the only store command is one read of a snapshot that does not exist: the warm-up user exists nowhere but here.
/// </summary>
/// <remarks>
/// It runs in the silo lifecycle just before the gateway starts accepting (<see cref="ServiceLifecycleStage.Active"/>),
/// so the silo reports ready only after it. A failure is logged and the silo starts anyway: a cold
/// first call is slower, not wrong.
/// </remarks>
internal sealed partial class SiloWarmUp(
    IOptions<WarmUpOptions> options,
    IOptions<EmbeddingOptions> embedding,
    IServiceProvider services,
    IGrainFactory grains,
    MemorySearch search,
    MemoryRequestValidator validate,
    Serializer serializer,
    SnapshotCipher cipher,
    ContentScreen screen,
    IOptions<MemoryOptions> memoryOptions,
    ILogger<SiloWarmUp> logger) : ILifecycleParticipant<ISiloLifecycle>
{
    private const string WarmUpUser = "warm-up";
    private const string WarmUpIssuer = "tripsage-warm-up";

    private static readonly string[] Texts =
    [
        "Prefers aisle seats on flights longer than three hours",
        "Allergic to peanuts; always ask the airline for a nut-free meal",
        "Stayed at the Hotel Granvia in Kyoto in April and liked the station access",
        "Travels with a partner who needs step-free access in hotels",
        "Budget for the Lisbon trip is 2,000 euros including flights",
        "Likes small boutique hotels near the old town rather than chains",
        "Has a Global Entry membership valid until 2029",
        "Wants vegetarian restaurant suggestions in Barcelona",
    ];

    public void Participate(ISiloLifecycle lifecycle)
    {
        if (options.Value.Enabled)
        {
            lifecycle.Subscribe(nameof(SiloWarmUp), ServiceLifecycleStage.Active - 1, RunAsync);
        }
    }

    /// <summary>Runs the warm-up; logs, never throws.</summary>
    internal async Task RunAsync(CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            var vectors = await LoadModelAsync();
            await ReadMissingSnapshotAsync();
            var authenticator = NewThrowawayAuthenticator(out var token);
            for (var round = 0; round < options.Value.Rounds && !cancellationToken.IsCancellationRequested; round++)
            {
                await authenticator.AuthenticateAsync(token);
                RunCallSteps(vectors);
            }

            LogWarmedUp(logger, options.Value.Rounds, vectors is not null, (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            LogWarmUpFailed(logger, (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds, exception);
        }
    }

    /// <summary>
    /// Loads the model by embedding the sample texts through the embedding worker, as a remember does,
    /// so the silo's own call path is compiled with it; null when the grid runs no model.
    /// </summary>
    private async Task<float[][]?> LoadModelAsync()
    {
        if (embedding.Value.Provider == EmbeddingProvider.None)
        {
            return null;
        }

        // A stateless worker: activated on this silo, so the call needs nothing of the cluster yet.
        var batch = await grains.GetGrain<IEmbeddingGrain>(0).EmbedAsync(Texts);
        return batch.Vectors;
    }

    /// <summary>
    /// Reads the snapshot of a user who does not exist, through the grain storage every activation
    /// reads with: the store client's and the provider's read path get compiled and the connection
    /// used, and nothing is written (a missing snapshot creates no data key).
    /// </summary>
    private async Task ReadMissingSnapshotAsync()
    {
        // The source store's snapshot storage itself, not the routed one: during a store migration the
        // router would lock and place the made-up user, which writes to the store.
        var storage = services.GetRequiredService<UserStoreRouter>().Source.Snapshots;
        var grainId = GrainId.Create(StorageNames.UserGrainType, $"{WarmUpUser}-{Guid.NewGuid():N}");
        await storage.ReadStateAsync(StorageNames.UserState, grainId, new GrainState<UserMemoryState>());
    }

    /// <summary>
    /// An authenticator of its own with a random key, so the token path (signature, claims, cache)
    /// is compiled without a real key, a real token, or a failed authentication counted anywhere.
    /// </summary>
    private static CallerAuthenticator NewThrowawayAuthenticator(out string token)
    {
        var key = RandomNumberGenerator.GetBytes(32);
        var authOptions = new AuthOptions { Issuer = WarmUpIssuer, SigningKey = Convert.ToBase64String(key), MaxCachedTokens = 1 };
        token = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = WarmUpIssuer,
            Audience = authOptions.Audience,
            Claims = new Dictionary<string, object> { [JwtRegisteredClaimNames.Sub] = WarmUpUser },
            Expires = DateTime.UtcNow.AddMinutes(5),
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(key), SecurityAlgorithms.HmacSha256),
        });
        return new CallerAuthenticator(new FixedOptionsMonitor<AuthOptions>(authOptions));
    }

    /// <summary>What a remember, a search, a context and a snapshot write and read do, in memory.</summary>
    private void RunCallSteps(float[][]? vectors)
    {
        var now = DateTimeOffset.UtcNow;
        var memory = new UserMemory(new UserMemoryState(), search.NewIndex(), memoryOptions.Value);
        var candidates = new List<MemoryRecord>(Texts.Length);
        for (var i = 0; i < Texts.Length; i++)
        {
            var input = new NewMemory(Texts[i], Category: i % 2 == 0 ? "preferences" : "trips", Tags: new Dictionary<string, string> { ["trip"] = "warm-up" });
            validate.NewMemory(input, $"memories[{i}]");
            candidates.Add(new MemoryRecord
            {
                Id = MemoryIds.New(),
                Text = input.Text,
                Category = input.Category,
                Tags = UserMemory.CopyTags(input.Tags),
                CreatedAt = now,
                UpdatedAt = now,
                QuantizedEmbedding = vectors is null ? null : EmbeddingQuantizer.Quantize(vectors[i]),
                EmbeddingModel = vectors is null ? null : search.CurrentModel,
            });
        }

        var screened = screen.Screen(candidates, i => $"memories[{i}].text", new List<SecurityFinding>());
        var plan = memory.PlanNew(screened, "memories", now);
        memory.Store(plan, plan.Accepted, now);

        var query = new SearchQuery("hotel near the station in Kyoto", Mode: vectors is null ? SearchMode.Keyword : SearchMode.Hybrid);
        validate.Search(query);
        var vector = vectors is null ? null : new QueryVector(EmbeddingQuantizer.Quantize(vectors[2]), search.CurrentModel!);
        memory.Search(query, vector, now);
        memory.Context(new ContextQuery(), now);
        memory.Export(WarmUpUser, now);

        var dataKey = new DataKey(WarmUpUser, RandomNumberGenerator.GetBytes(32));
        var envelope = cipher.Seal(serializer.SerializeToArray(memory.State), WarmUpUser, dataKey);
        memory.Load(serializer.Deserialize<UserMemoryState>(cipher.Open(envelope, WarmUpUser, dataKey))!);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Warmed up in {ElapsedMs} ms ({Rounds} rounds of a call's steps in memory; embedding model loaded: {ModelLoaded})")]
    private static partial void LogWarmedUp(ILogger logger, int rounds, bool modelLoaded, long elapsedMs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Warm-up failed after {ElapsedMs} ms; the silo starts anyway and its first calls are slower")]
    private static partial void LogWarmUpFailed(ILogger logger, long elapsedMs, Exception exception);

    /// <summary>Options that never change, for the throwaway authenticator.</summary>
    private sealed class FixedOptionsMonitor<T>(T value) : IOptionsMonitor<T>
    {
        public T CurrentValue => value;

        public T Get(string? name) => value;

        public IDisposable? OnChange(Action<T, string?> listener) => null;
    }
}
