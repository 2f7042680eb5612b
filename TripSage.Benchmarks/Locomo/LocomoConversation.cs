using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace TripSage.Memory.Benchmarks.Locomo;

/// <summary>One LoCoMo conversation file: its sessions of turns and its questions (see the data README).</summary>
internal sealed partial record LocomoConversation(string Name, IReadOnlyList<LocomoSession> Sessions, IReadOnlyList<LocomoQuestion> Questions)
{
    // "1:56 pm on 8 May, 2023"
    private static readonly string[] SessionTimeFormats = ["h:mm tt 'on' d MMMM, yyyy", "h:mm tt 'on' d MMM, yyyy"];

    public static IReadOnlyList<LocomoConversation> LoadFolder(string folder) =>
        Directory.GetFiles(folder, "*.json").Order(StringComparer.Ordinal).Select(Load).ToList();

    public static LocomoConversation Load(string path)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        var root = document.RootElement;
        var conversation = root.TryGetProperty("conversation", out var nested) ? nested : root;
        var sessions = new List<LocomoSession>();
        for (var n = 1; conversation.TryGetProperty($"session_{n}", out var turns); n++)
        {
            var at = conversation.TryGetProperty($"session_{n}_date_time", out var time) ? ParseTime(time.GetString()) : null;
            sessions.Add(new LocomoSession(n, at, turns.EnumerateArray().Select(t => new LocomoTurn(
                t.GetProperty("dia_id").GetString()!,
                t.GetProperty("speaker").GetString()!,
                t.GetProperty("text").GetString()!,
                t.TryGetProperty("blip_caption", out var caption) ? caption.GetString() : null)).ToList()));
        }

        var questions = root.TryGetProperty("qa", out var qa)
            ? qa.EnumerateArray().Select(q => new LocomoQuestion(
                q.GetProperty("question").GetString()!,
                q.GetProperty("category").GetInt32(),
                q.TryGetProperty("evidence", out var evidence)
                    ? evidence.EnumerateArray().SelectMany(e => DialogueId().Matches(e.GetString() ?? string.Empty).Select(m => m.Value)).Distinct().ToList()
                    : [])).ToList()
            : [];
        return new LocomoConversation(Path.GetFileNameWithoutExtension(path), sessions, questions);
    }

    private static DateTimeOffset? ParseTime(string? text) =>
        DateTime.TryParseExact(text, SessionTimeFormats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time)
            ? new DateTimeOffset(time, TimeSpan.Zero)
            : null;

    // Evidence is mostly "D1:3", sometimes several ids in one string ("D8:6; D9:17").
    [GeneratedRegex(@"D\d+:\d+", RegexOptions.CultureInvariant)]
    private static partial Regex DialogueId();
}
