using System.Globalization;
using TripSage.Memory.Client.Mem0;

namespace TripSage.Memory.Cli.Output;

/// <summary>How each result reads at a terminal. Scripts use <c>--json</c>, which always carries everything.</summary>
internal static class HumanOutput
{
    // Keeps one listed memory on one line of a common 120-column terminal next to its id, time and category.
    private const int ListedTextWidth = 60;

    private const string Ellipsis = "...";
    private const string TimeFormat = "yyyy-MM-dd HH:mm:ss'Z'";
    private const string ScoreFormat = "0.000";
    private const string NoCategory = "-";

    // Items named on a line that groups the items of an import that met the same problem.
    private const int GroupedItemsNamed = 3;

    public static void WriteRemembered(TextWriter output, RememberOutcome outcome) =>
        output.WriteLine(outcome.Status == RememberStatus.Stored
            ? $"stored {outcome.MemoryId}{Marks(outcome.Flags, outcome.Quarantined)}"
            : $"duplicate of {outcome.MemoryId}; nothing stored");

    public static void WriteHits(TextWriter output, IReadOnlyList<SearchHit> hits)
    {
        if (hits.Count == 0)
        {
            output.WriteLine("no memories match");
            return;
        }

        for (var i = 0; i < hits.Count; i++)
        {
            var memory = hits[i].Memory;
            output.WriteLine($"{i + 1}. {hits[i].Score.ToString(ScoreFormat, CultureInfo.InvariantCulture)}  {Signals(hits[i])}  {memory.Id}  {Category(memory)}  {OneLine(memory.Text)}");
        }
    }

    // The prompt ends in its own line break; a second one would leave a blank line at the terminal.
    public static void WriteContext(TextWriter output, UserContext context) => output.WriteLine(context.Prompt.TrimEnd());

    public static void WritePage(TextWriter output, MemoryPage page, int offset)
    {
        foreach (var memory in page.Items)
        {
            output.WriteLine($"{memory.Id}  {Time(memory.CreatedAt)}  {Category(memory)}  {ListMark(memory)}{Truncate(OneLine(memory.Text))}");
        }

        output.WriteLine(page.Items.Count == 0
            ? $"showing none of {page.Total}"
            : $"showing {offset + 1}-{offset + page.Items.Count} of {page.Total}");
        if (page.NextOffset is { } next)
        {
            output.WriteLine($"next page: --offset {next}");
        }
    }

    public static void WriteMemory(TextWriter output, MemoryRecord memory)
    {
        output.WriteLine($"id:       {memory.Id}");
        output.WriteLine($"category: {Category(memory)}");
        if (memory.Tags.Count > 0)
        {
            output.WriteLine($"tags:     {string.Join(", ", memory.Tags.OrderBy(t => t.Key, StringComparer.Ordinal).Select(t => $"{t.Key}={t.Value}"))}");
        }

        WriteIfSet(output, "source:   ", memory.Source);
        WriteIfSet(output, "session:  ", memory.SessionId);
        WriteIfSet(output, "role:     ", memory.Role);
        output.WriteLine($"created:  {Time(memory.CreatedAt)}");
        output.WriteLine($"updated:  {Time(memory.UpdatedAt)} (version {memory.Version})");
        if (memory.ExpiresAt is { } expiresAt)
        {
            output.WriteLine($"expires:  {Time(expiresAt)}");
        }

        if (memory.Flags.Count > 0)
        {
            output.WriteLine($"flags:    {string.Join(", ", memory.Flags)}");
        }

        if (memory.Quarantined)
        {
            output.WriteLine("status:   quarantined (left out of search and context until an admin releases it)");
        }

        output.WriteLine($"text:     {memory.Text}");
    }

    public static void WriteForgotten(TextWriter output, ForgetResult result)
    {
        foreach (var id in result.Forgotten)
        {
            output.WriteLine($"forgotten {id}");
        }

        foreach (var id in result.NotFound)
        {
            output.WriteLine($"not found {id}");
        }
    }

    public static void WritePreferences(TextWriter output, IReadOnlyDictionary<string, string> preferences)
    {
        if (preferences.Count == 0)
        {
            output.WriteLine("no preferences");
            return;
        }

        foreach (var (key, value) in preferences.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            output.WriteLine($"{key}={value}");
        }
    }

    public static void WriteExportSummary(TextWriter output, ExportSummary summary) =>
        output.WriteLine($"exported {summary.Memories} memories to {summary.File}");

    public static void WriteImported(TextWriter output, ImportResult result) =>
        output.WriteLine($"imported {result.Imported} memories, skipped {result.Skipped}, set {result.PreferencesSet} preferences");

    public static void WriteMem0Imported(TextWriter output, Mem0ImportSummary summary)
    {
        output.WriteLine($"read {summary.Items} items for {summary.Users} users: imported {summary.Imported}, already held {summary.Duplicates}, rejected {summary.Rejected}, not imported {summary.NotImported}");

        // An export tends to meet the same problem on many items (a nested metadata object on each, a token
        // that reaches one user only): one line per outcome and reason rather than thousands that hide the
        // rest. An item alone with its problem keeps its own line. --json lists every item.
        var groups = summary.Problems
            .GroupBy(p => (p.Outcome, Reason: WithoutItem(p)))
            .OrderBy(g => g.Count() > 1)
            .ThenBy(g => g.First().Item);
        foreach (var group in groups)
        {
            var items = group.Select(p => $"items[{p.Item}]").ToList();
            if (items.Count == 1)
            {
                output.WriteLine($"{items[0]} {group.Key.Outcome}: {group.First().Reason}");
                continue;
            }

            var named = string.Join(", ", items.Take(GroupedItemsNamed)) + (items.Count > GroupedItemsNamed ? $" and {items.Count - GroupedItemsNamed} more" : string.Empty);
            output.WriteLine($"{group.Key.Outcome} on {items.Count} items ({named}): {group.Key.Reason}");
        }

        if (summary.NotImported > 0)
        {
            output.WriteLine("run the same command again (later, or with a token that reaches those users) to import the items not imported; nothing already imported is added twice");
        }
    }

    /// <summary>The reason without the <c>items[i].</c> it starts with, so the same problem on many items reads the same.</summary>
    private static string WithoutItem(Mem0ImportProblem problem)
    {
        var prefix = $"items[{problem.Item}].";
        return problem.Reason.StartsWith(prefix, StringComparison.Ordinal) ? problem.Reason[prefix.Length..] : problem.Reason;
    }

    public static void WriteErased(TextWriter output, EraseReceipt receipt)
    {
        output.WriteLine($"erased user {receipt.UserId}: {receipt.MemoriesErased} memories, {receipt.PreferencesErased} preferences");
        output.WriteLine($"receipt {receipt.ReceiptId} at {Time(receipt.ErasedAt)}");
    }

    public static void WriteReembedded(TextWriter output, ReembedResult result) =>
        output.WriteLine(result.Remaining == 0
            ? $"re-embedded {result.Reembedded} memories with {result.Model}; all memories use it"
            : $"re-embedded {result.Reembedded} memories with {result.Model}; {result.Remaining} remain");

    public static void WriteStats(TextWriter output, MemoryStats stats)
    {
        output.WriteLine($"memories:    {stats.MemoryCount}");
        foreach (var (category, count) in stats.ByCategory.OrderBy(c => c.Key, StringComparer.Ordinal))
        {
            output.WriteLine($"  {category}: {count}");
        }

        output.WriteLine($"preferences: {stats.PreferenceCount}");
        output.WriteLine($"text bytes:  {stats.TextBytes}");
        if (stats.OldestAt is { } oldest && stats.NewestAt is { } newest)
        {
            output.WriteLine($"oldest:      {Time(oldest)}");
            output.WriteLine($"newest:      {Time(newest)}");
        }

        output.WriteLine($"since created: {stats.StoredTotal} stored, {stats.DuplicatesTotal} duplicates, {stats.UpdatedTotal} updated, {stats.ForgottenTotal} forgotten, {stats.ExpiredTotal} expired");
    }

    private static void WriteIfSet(TextWriter output, string label, string? value)
    {
        if (value is not null)
        {
            output.WriteLine($"{label}{value}");
        }
    }

    private static string Category(MemoryRecord memory) => memory.Category ?? NoCategory;

    // "; quarantined: prompt-injection" or "; flagged: invisible-characters" after what was stored.
    private static string Marks(IReadOnlyList<string> flags, bool quarantined) =>
        quarantined ? $"; quarantined: {string.Join(", ", flags)}"
        : flags.Count > 0 ? $"; flagged: {string.Join(", ", flags)}"
        : string.Empty;

    // Listed rows keep their columns; a marker before the text says the memory is held apart or flagged.
    private static string ListMark(MemoryRecord memory) =>
        memory.Quarantined ? "[quarantined] " : memory.Flags.Count > 0 ? "[flagged] " : string.Empty;

    // Which signals found the hit, with their own scores, so a surprising hit can be explained:
    // "keyword 2.310 + vector 0.612".
    private static string Signals(SearchHit hit)
    {
        var parts = new List<string>();
        if (hit.KeywordScore is { } keyword)
        {
            parts.Add($"keyword {keyword.ToString(ScoreFormat, CultureInfo.InvariantCulture)}");
        }

        if (hit.VectorSimilarity is { } similarity)
        {
            parts.Add($"vector {similarity.ToString(ScoreFormat, CultureInfo.InvariantCulture)}");
        }

        if (hit.Signals.HasFlag(SearchSignals.Session))
        {
            parts.Add("session");
        }

        if (hit.Signals.HasFlag(SearchSignals.Recency))
        {
            parts.Add("recency");
        }

        return $"[{string.Join(" + ", parts)}]";
    }

    private static string Time(DateTimeOffset time) => time.UtcDateTime.ToString(TimeFormat, CultureInfo.InvariantCulture);

    // Listings are one memory per line, so line breaks in the text must not start a new row.
    private static string OneLine(string text) => string.Join(' ', text.Split(['\r', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries));

    private static string Truncate(string text) =>
        text.Length <= ListedTextWidth ? text : string.Concat(text.AsSpan(0, ListedTextWidth - Ellipsis.Length), Ellipsis);

    public static void WriteAuditEvents(TextWriter output, IReadOnlyList<AuditEvent> events)
    {
        if (events.Count == 0)
        {
            output.WriteLine("no audit events");
            return;
        }

        foreach (var e in events)
        {
            var ids = e.MemoryIds.Count == 0 ? string.Empty : $"  [{string.Join(", ", e.MemoryIds)}]";
            output.WriteLine($"{e.Sequence,6}  {e.Time.UtcDateTime.ToString(TimeFormat, CultureInfo.InvariantCulture)}  {e.Actor}  {e.Operation}  {e.Outcome}{ids}");
        }
    }

    public static void WriteAuditVerification(TextWriter output, AuditVerification verification)
    {
        output.WriteLine($"audit trail intact: {verification.EventCount} events, chain verified");

        // An intact trail can still have pages kept aside: what a silo declared dead held (docs/operations.md).
        if (verification.SetAsidePages > 0)
        {
            output.WriteLine($"note: {verification.SetAsidePages} audit pages a silo held when the cluster declared it dead are kept aside in the store (the user's audit-aside list), not in the trail");
        }
    }

    public static void WriteKeyRotation(TextWriter output, KeyRotationReport report) =>
        output.WriteLine($"data keys now wrapped with master key '{report.CurrentKeyId}': {report.Rewrapped} re-wrapped, {report.AlreadyCurrent} already current");
}
