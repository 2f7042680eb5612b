using System.Reflection;

namespace TripSage.Memory.Grains.Operations;

/// <summary>
/// The operation catalogue: every method of <see cref="IUserMemoryGrain"/> with its one name, its
/// token bucket and who may call it. The call pipeline (authorization, rate limits, audit), the
/// telemetry filter (metrics and spans) and the tests all read it, so a name cannot drift between
/// the audit trail and the dashboard. A new operation is added here and nowhere else.
/// </summary>
internal static class MemoryOperations
{
    /// <summary>The grid's own expiry sweep (a reminder tick), audited as the system actor.</summary>
    public static readonly MemoryOperation Expire = new("expire", OperationClass.Write, AdminOnly: true);

    private static readonly Dictionary<string, MemoryOperation> ByMethod = new(StringComparer.Ordinal)
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

    /// <summary>Every operation a caller can invoke, in catalogue order.</summary>
    public static IReadOnlyCollection<MemoryOperation> All => ByMethod.Values;

    /// <summary>
    /// The operation behind a grain method. A method nobody classified yet fails closed: admin only,
    /// in the sensitive bucket, named after the method, until it is added above.
    /// </summary>
    public static MemoryOperation Of(MethodInfo method) => Of(method.Name);

    /// <inheritdoc cref="Of(MethodInfo)"/>
    public static MemoryOperation Of(string methodName) =>
        ByMethod.TryGetValue(methodName, out var operation)
            ? operation
            : new MemoryOperation(Unclassified(methodName), OperationClass.Sensitive, AdminOnly: true);

    private static string Unclassified(string methodName) =>
        (methodName.EndsWith("Async", StringComparison.Ordinal) ? methodName[..^"Async".Length] : methodName).ToLowerInvariant();
}
