using System.Text.Json;
using TripSage.Memory.Client;
using TripSage.Memory.Client.Mem0;

namespace TripSage.Memory.Tests.Unit.Client;

/// <summary>
/// How the importer reacts to each refusal of the grid's <c>import</c>, with a grid stand-in that
/// refuses on cue (the real grid's answers are covered by the integration tests).
/// </summary>
public sealed class Mem0ImporterTests
{
    [Fact]
    public async Task ImportAsync_ItemRefusedByName_IsReportedAndTheRestSentAgain()
    {
        var grid = new ScriptedGrid { Refuse = (user, document) => document.Memories.Count == 3 ? new MemoryRejectedException("document.memories[1].text", ["api-key"]) : null };

        var summary = await new Mem0Importer(grid).ImportAsync(Export(("u1", 3)));

        Assert.Equal((3, 2, 1, 0), (summary.Items, summary.Imported, summary.Rejected, summary.NotImported));
        var problem = Assert.Single(summary.Problems);
        Assert.Equal((1, Mem0ImportProblem.Rejected), (problem.Item, problem.Outcome));
        Assert.StartsWith("items[1].text: rejected by the content policy (api-key)", problem.Reason);
        Assert.Equal([3, 2], grid.Calls.Select(c => c.Document.Memories.Count));
    }

    [Fact]
    public async Task ImportAsync_UserRateLimitedOrTimedOut_StopsThatUserOnly()
    {
        var grid = new ScriptedGrid
        {
            Refuse = (user, _) => user switch
            {
                "limited" => new RateLimitExceededException("sensitive", TimeSpan.FromSeconds(359.2)),
                "slow" => new TimeoutException("no answer"),
                _ => null,
            },
        };

        var summary = await new Mem0Importer(grid).ImportAsync(Export(("limited", 2), ("slow", 1), ("fine", 2)));

        Assert.Equal((5, 3, 2, 0, 3), (summary.Items, summary.Users, summary.Imported, summary.Rejected, summary.NotImported));
        Assert.All(summary.Problems, p => Assert.Equal(Mem0ImportProblem.NotImported, p.Outcome));
        Assert.Contains("retry after 360 s", summary.Problems[0].Reason);
        Assert.Contains("run the import again with a longer timeout", summary.Problems[2].Reason);
        Assert.Equal(["limited", "slow", "fine"], grid.Calls.Select(c => c.User));
    }

    [Fact]
    public async Task ImportAsync_MoreItemsThanOneCall_SendsThemInChunks()
    {
        var grid = new ScriptedGrid();

        var summary = await new Mem0Importer(grid).ImportAsync(Export(("u1", Mem0Importer.ItemsPerCall + 1)));

        Assert.Equal(Mem0Importer.ItemsPerCall + 1, summary.Imported);
        Assert.Equal([Mem0Importer.ItemsPerCall, 1], grid.Calls.Select(c => c.Document.Memories.Count));
    }

    private static Mem0Export Export(params (string User, int Count)[] users)
    {
        var items = users.SelectMany(u => Enumerable.Range(0, u.Count).Select(i => new { id = $"{u.User}-{i}", memory = $"memory {i} of {u.User}", user_id = u.User }));
        return Mem0Export.Read(JsonSerializer.SerializeToElement(items));
    }

    /// <summary>Imports everything it is sent unless <see cref="Refuse"/> names an exception for the call.</summary>
    private sealed class ScriptedGrid : IMemoryClient
    {
        public Func<string, UserExport, Exception?> Refuse { get; init; } = (_, _) => null;

        public List<(string User, UserExport Document)> Calls { get; } = [];

        public Task<ImportResult> ImportAsync(string userId, UserExport document)
        {
            Calls.Add((userId, document));
            return Refuse(userId, document) is { } refusal ? Task.FromException<ImportResult>(refusal) : Task.FromResult(new ImportResult(document.Memories.Count, 0, 0));
        }

        public Task<RememberOutcome> RememberAsync(string userId, NewMemory memory) => throw new NotSupportedException();

        public Task<RememberResult> RememberManyAsync(string userId, IReadOnlyList<NewMemory> memories) => throw new NotSupportedException();

        public Task<RememberResult> AddConversationAsync(string userId, Conversation conversation) => throw new NotSupportedException();

        public Task<IReadOnlyList<SearchHit>> SearchAsync(string userId, SearchQuery query) => throw new NotSupportedException();

        public Task<MemoryRecord?> GetAsync(string userId, string memoryId) => throw new NotSupportedException();

        public Task<MemoryPage> ListAsync(string userId, ListQuery? query = null) => throw new NotSupportedException();

        public Task<MemoryRecord> UpdateAsync(string userId, string memoryId, MemoryUpdate update) => throw new NotSupportedException();

        public Task<ForgetResult> ForgetAsync(string userId, IReadOnlyList<string> memoryIds) => throw new NotSupportedException();

        public Task<IReadOnlyDictionary<string, string>> SetPreferencesAsync(string userId, IReadOnlyDictionary<string, string> preferences) => throw new NotSupportedException();

        public Task<IReadOnlyDictionary<string, string>> GetPreferencesAsync(string userId) => throw new NotSupportedException();

        public Task<UserContext> GetContextAsync(string userId, ContextQuery? query = null) => throw new NotSupportedException();

        public Task<UserExport> ExportAsync(string userId) => throw new NotSupportedException();

        public Task<EraseReceipt> EraseAsync(string userId) => throw new NotSupportedException();

        public Task<MemoryStats> GetStatsAsync(string userId) => throw new NotSupportedException();

        public Task<MemoryRecord> ReleaseQuarantineAsync(string userId, string memoryId) => throw new NotSupportedException();

        public Task<ReembedResult> ReembedAsync(string userId, int maxMemories = 500) => throw new NotSupportedException();

        public Task<IReadOnlyList<AuditEvent>> ReadAuditAsync(string userId, long sinceSequence = 1, int limit = 500) => throw new NotSupportedException();

        public Task<AuditVerification> VerifyAuditAsync(string userId) => throw new NotSupportedException();

        public Task<KeyRotationReport> RewrapDataKeysAsync() => throw new NotSupportedException();

        public Task<MigrationStatus> GetMigrationStatusAsync() => throw new NotSupportedException();

        public Task<MigrationStatus> SetMigrationPercentAsync(int percent) => throw new NotSupportedException();

        public Task<MigrationCopyReport> CopyMigrationAsync(int percent, int maxUsers) => throw new NotSupportedException();

        public Task<MigrationVerifyReport> VerifyMigrationAsync() => throw new NotSupportedException();

        public Task<MigrationFinishReport> FinishMigrationAsync() => throw new NotSupportedException();
    }
}
