using System.Text.RegularExpressions;

namespace TripSage.Memory.Client.Mem0;

/// <summary>
/// Imports a Mem0 memory export into the grid: items are grouped by user and each user's items go
/// in with the grid's own <c>import</c> operation (so they pass the same validation and content
/// policy as any input, and keep their times). Running it again adds nothing that is already there
/// (<see cref="Mem0Mapping.MemoryIdOf"/>), so a run cut short is finished by running it again.
/// <para>
/// One <c>import</c> call per user and <see cref="ItemsPerCall"/> items. Import is in the sensitive
/// rate-limit class, so an item the grid refuses (too long, rejected by the content policy) is
/// reported, taken out, and the rest sent again, which costs that user one more call; when the
/// user's limit is reached or the call outlasts the client's response timeout, the user's remaining
/// items are reported as not imported and the next user's are sent.
/// </para>
/// </summary>
public sealed partial class Mem0Importer(IMemoryClient memory, TimeProvider? time = null)
{
    /// <summary>Items sent in one <c>import</c> call.</summary>
    public const int ItemsPerCall = 1_000;

    private readonly TimeProvider _time = time ?? TimeProvider.System;

    /// <summary>Imports <paramref name="export"/>; <see cref="Mem0Export.Read"/> reads one.</summary>
    public async Task<Mem0ImportSummary> ImportAsync(Mem0Export export, CancellationToken cancellationToken = default)
    {
        var (items, problems, count) = (export.Items, export.Problems.ToList(), export.Count);
        var now = _time.GetUtcNow();
        int imported = 0, duplicates = 0;
        var users = items.GroupBy(i => i.UserId, StringComparer.Ordinal).ToList();
        foreach (var user in users)
        {
            var mapped = new List<(Mem0Item Item, MemoryRecord Record)>();
            foreach (var item in user)
            {
                var (record, dropped) = Mem0Mapping.ToRecord(item, now);
                mapped.Add((item, record));
                problems.AddRange(dropped.Select(reason => Problem(item, Mem0ImportProblem.MetadataDropped, reason)));
            }

            var chunks = mapped.Chunk(ItemsPerCall).ToList();
            for (var i = 0; i < chunks.Count; i++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var (added, skipped, stop) = await ImportUserAsync(user.Key, chunks[i].ToList(), problems);
                imported += added;
                duplicates += skipped;
                if (stop is not null)
                {
                    // The user's later items would meet the same refusal.
                    problems.AddRange(chunks.Skip(i + 1).SelectMany(c => c).Select(m => Problem(m.Item, Mem0ImportProblem.NotImported, stop)));
                    break;
                }
            }
        }

        problems.Sort((a, b) => a.Item.CompareTo(b.Item));
        return new Mem0ImportSummary(
            count,
            users.Count,
            imported,
            duplicates,
            problems.Count(p => p.Outcome == Mem0ImportProblem.Rejected),
            problems.Count(p => p.Outcome == Mem0ImportProblem.NotImported),
            problems);
    }

    /// <summary>
    /// Imports one user's chunk, taking out each item the grid refuses by name and sending the rest
    /// again. Returns the reason to stop the user's import when the grid refuses the user as a whole.
    /// </summary>
    private async Task<(int Imported, int Skipped, string? Stop)> ImportUserAsync(string userId, List<(Mem0Item Item, MemoryRecord Record)> chunk, List<Mem0ImportProblem> problems)
    {
        while (chunk.Count > 0)
        {
            var document = new UserExport { UserId = userId, ExportedAt = _time.GetUtcNow(), Memories = chunk.Select(c => c.Record).ToList() };
            try
            {
                var result = await memory.ImportAsync(userId, document);
                return (result.Imported, result.Skipped, null);
            }
            catch (Exception refused) when (FieldOf(refused) is { } field && ItemIndex(field) is { } index && index < chunk.Count)
            {
                // The grid names the item by its place in this document; report it by its place in the export.
                var item = chunk[index].Item;
                var reason = refused.Message.Replace($"document.memories[{index}]", $"items[{item.Index}]", StringComparison.Ordinal);
                problems.Add(Problem(item, Mem0ImportProblem.Rejected, reason));
                chunk.RemoveAt(index);
            }
            catch (Exception refused) when (refused is RateLimitExceededException or AccessDeniedException or MemoryValidationException or MemoryRejectedException or TimeoutException)
            {
                var reason = refused switch
                {
                    RateLimitExceededException limited => $"the user's import limit is reached (rate-limit class {limited.OperationClass}); retry after {Math.Ceiling(limited.RetryAfter.TotalSeconds)} s: running the import again resumes",

                    // The grid embeds every new memory during the call; the call may well finish after the client stopped waiting.
                    TimeoutException => "the grid did not answer within the client's response timeout (it embeds each new memory, so large users take longer); "
                        + "it may still finish: run the import again with a longer timeout, nothing is added twice",
                    _ => refused.Message,
                };
                problems.AddRange(chunk.Select(c => Problem(c.Item, Mem0ImportProblem.NotImported, reason)));
                return (0, 0, reason);
            }
        }

        return (0, 0, null);
    }

    private static string? FieldOf(Exception exception) => exception switch
    {
        MemoryValidationException invalid => invalid.Field,
        MemoryRejectedException rejected => rejected.Field,
        _ => null,
    };

    private static int? ItemIndex(string field) =>
        ItemField().Match(field) is { Success: true } match && int.TryParse(match.Groups[1].ValueSpan, out var index) ? index : null;

    private static Mem0ImportProblem Problem(Mem0Item item, string outcome, string reason) => new(item.Index, item.SourceId, item.UserId, outcome, reason);

    [GeneratedRegex(@"^document\.memories\[(\d+)\]", RegexOptions.CultureInvariant)]
    private static partial Regex ItemField();
}
