namespace TripSage.Memory.Grains.Security;

/// <summary>What an incoming grain call is, for rate limiting, authorization and the audit trail.</summary>
/// <param name="Name">The operation's name in the audit trail, such as <c>remember</c>.</param>
/// <param name="Class">Its token bucket.</param>
/// <param name="AdminOnly">Whether even the user's own token is not enough.</param>
internal sealed record MemoryOperation(string Name, OperationClass Class, bool AdminOnly)
{
    private static readonly Dictionary<string, MemoryOperation> Known = new(StringComparer.Ordinal)
    {
        [nameof(IUserMemoryGrain.RememberAsync)] = new("remember", OperationClass.Write, false),
        [nameof(IUserMemoryGrain.AddConversationAsync)] = new("add_conversation", OperationClass.Write, false),
        [nameof(IUserMemoryGrain.SearchAsync)] = new("search", OperationClass.Search, false),
        [nameof(IUserMemoryGrain.GetAsync)] = new("get", OperationClass.Read, false),
        [nameof(IUserMemoryGrain.ListAsync)] = new("list", OperationClass.Read, false),
        [nameof(IUserMemoryGrain.UpdateAsync)] = new("update", OperationClass.Write, false),
        [nameof(IUserMemoryGrain.ForgetAsync)] = new("forget", OperationClass.Write, false),
        [nameof(IUserMemoryGrain.SetPreferencesAsync)] = new("set_preferences", OperationClass.Write, false),
        [nameof(IUserMemoryGrain.GetPreferencesAsync)] = new("get_preferences", OperationClass.Read, false),
        [nameof(IUserMemoryGrain.GetContextAsync)] = new("context", OperationClass.Read, false),
        [nameof(IUserMemoryGrain.ExportAsync)] = new("export", OperationClass.Sensitive, false),
        [nameof(IUserMemoryGrain.ImportAsync)] = new("import", OperationClass.Sensitive, false),
        [nameof(IUserMemoryGrain.EraseAsync)] = new("erase", OperationClass.Sensitive, false),
        [nameof(IUserMemoryGrain.GetStatsAsync)] = new("stats", OperationClass.Read, false),
        [nameof(IUserMemoryGrain.ReadAuditAsync)] = new("read_audit", OperationClass.Read, false),
        [nameof(IUserMemoryGrain.VerifyAuditAsync)] = new("verify_audit", OperationClass.Sensitive, false),
        [nameof(IUserMemoryGrain.ReleaseQuarantineAsync)] = new("release_quarantine", OperationClass.Write, true),
        [nameof(IUserMemoryGrain.ReembedAsync)] = new("reembed", OperationClass.Sensitive, false),
    };

    /// <summary>
    /// The operation behind a grain method. A method nobody classified yet fails closed: admin only,
    /// in the sensitive bucket, until it is added above.
    /// </summary>
    public static MemoryOperation Of(string methodName) =>
        Known.TryGetValue(methodName, out var operation)
            ? operation
            : new MemoryOperation(methodName.EndsWith("Async", StringComparison.Ordinal) ? methodName[..^5].ToLowerInvariant() : methodName.ToLowerInvariant(), OperationClass.Sensitive, true);
}
