using System.Text;
using Microsoft.Extensions.Options;

namespace TripSage.Memory.Grains.Security.Content;

/// <summary>
/// The content policy applied to every text a user's memory stores. The grain is the authority, so
/// this runs there, after validation and before anything changes:
/// <list type="number">
/// <item>the text is normalized to Unicode NFC — the only change ever made to it: canonically equal
/// spellings (a precomposed "é" or "e" + combining accent) become one, so duplicates, search and
/// equality see the same text — and the result is checked against the size limit again;</item>
/// <item>the suspicious-content rules inspect it (<see cref="ContentInspector"/>);</item>
/// <item>the policy (<see cref="ContentPolicyOptions"/>) decides: a rule set to reject fails the whole
/// request, before any change; otherwise the memory is stored with the matched rule ids in its flags,
/// and quarantined when one of them is set to quarantine.</item>
/// </list>
/// Flags and quarantine always follow the text as last written under the current policy; only an
/// admin's release lifts a quarantine without a change of text.
/// </summary>
internal sealed class ContentScreen(ContentInspector inspector, IOptions<ContentPolicyOptions> policy, IOptions<MemoryOptions> limits)
{
    private readonly Dictionary<string, ContentAction> _actions = policy.Value.Settings()
        .ToDictionary(s => s.RuleId, s => ContentPolicyOptions.TryParseAction(s.Value, out var action) ? action : ContentAction.Reject, StringComparer.Ordinal);

    private readonly MemoryOptions _limits = limits.Value;

    /// <summary>
    /// The memories as they are to be stored: text in NFC, flags and quarantine set by the policy.
    /// Flags and quarantine given by the caller (an import document) are not trusted: they are recomputed.
    /// </summary>
    /// <param name="memories">The memories as the caller sent them.</param>
    /// <param name="textField">The request path of each text, for errors.</param>
    /// <param name="findings">Receives one rejection finding per rule and field before the request is refused.</param>
    /// <exception cref="MemoryRejectedException">A text matched a rule set to reject; the first such field is named.</exception>
    /// <exception cref="MemoryValidationException">A text is over the size limit once normalized.</exception>
    public List<MemoryRecord> Screen(IReadOnlyList<MemoryRecord> memories, Func<int, string> textField, ICollection<SecurityFinding> findings)
    {
        var screened = new List<MemoryRecord>(memories.Count);
        var rejected = new List<(string Field, List<string> Rules)>();
        for (var i = 0; i < memories.Count; i++)
        {
            var field = textField(i);
            var text = Normalize(memories[i].Text, field, _limits.MaxTextBytes);
            var matched = inspector.Inspect(text);
            var refusing = matched.Where(r => _actions[r] == ContentAction.Reject).ToList();
            if (refusing.Count > 0)
            {
                rejected.Add((field, refusing));
                continue;
            }

            screened.Add(memories[i] with
            {
                Text = text,
                Flags = matched.ToArray(),
                Quarantined = matched.Any(r => _actions[r] == ContentAction.Quarantine),
                PreviousVersions = ScreenHistory(memories[i].PreviousVersions, field, rejected),
            });
        }

        ThrowIfRejected(rejected, findings);
        return screened;
    }

    /// <summary>
    /// Earlier versions (of an imported memory) as they are to be stored: in NFC, and refused like new
    /// text when a rule set to reject matches, so history cannot smuggle in what the policy keeps
    /// out. History is never put into a prompt or a search, so flag and quarantine rules do not apply.
    /// </summary>
    private IReadOnlyList<MemoryVersion> ScreenHistory(IReadOnlyList<MemoryVersion> history, string textField, List<(string Field, List<string> Rules)> rejected)
    {
        if (history.Count == 0)
        {
            return history;
        }

        var itemPath = textField.EndsWith(".text", StringComparison.Ordinal) ? textField[..^".text".Length] : textField;
        var screened = new List<MemoryVersion>(history.Count);
        for (var j = 0; j < history.Count; j++)
        {
            var field = $"{itemPath}.previousVersions[{j}].text";
            var text = Normalize(history[j].Text, field, _limits.MaxTextBytes);
            var refusing = inspector.Inspect(text).Where(r => _actions[r] == ContentAction.Reject).ToList();
            if (refusing.Count > 0)
            {
                rejected.Add((field, refusing));
            }

            screened.Add(history[j] with { Text = text });
        }

        return screened;
    }

    /// <summary>
    /// An updated memory as it is to be stored. When its text is unchanged (after normalization) its
    /// flags and quarantine stay as they were; a new text is screened like a new memory.
    /// </summary>
    public MemoryRecord Rescreen(MemoryRecord current, MemoryRecord updated, string textField, ICollection<SecurityFinding> findings)
    {
        var text = Normalize(updated.Text, textField, _limits.MaxTextBytes);
        return string.Equals(text, current.Text, StringComparison.Ordinal)
            ? updated with { Text = text, Flags = current.Flags, Quarantined = current.Quarantined }
            : Screen([updated with { PreviousVersions = [] }], _ => textField, findings)[0] with { PreviousVersions = updated.PreviousVersions };
    }

    /// <summary>
    /// Preference values as they are to be stored, in NFC. A preference goes into every context and
    /// has no quarantine of its own, so a rule set to quarantine rejects it as well; a flag becomes a finding.
    /// </summary>
    public Dictionary<string, string> ScreenPreferences(IReadOnlyDictionary<string, string> preferences, string field, ICollection<SecurityFinding> findings)
    {
        var screened = new Dictionary<string, string>(StringComparer.Ordinal);
        var rejected = new List<(string Field, List<string> Rules)>();
        var flagged = new List<string>();
        foreach (var (key, value) in preferences)
        {
            if (value.Length == 0)
            {
                screened[key] = value;
                continue;
            }

            var path = $"{field}[{key}]";
            var text = Normalize(value, path, _limits.MaxPreferenceValueBytes);
            var matched = inspector.Inspect(text);
            var refusing = matched.Where(r => _actions[r] != ContentAction.Flag).ToList();
            if (refusing.Count > 0)
            {
                rejected.Add((path, refusing));
            }

            flagged.AddRange(matched.Except(refusing));
            screened[key] = text;
        }

        ThrowIfRejected(rejected, findings);
        flagged.ForEach(rule => findings.Add(new SecurityFinding(rule, SecurityActionNames.Flag, [])));
        return screened;
    }

    /// <summary>The findings of memories about to be stored: one per rule and action, with the memories it concerns.</summary>
    public IEnumerable<SecurityFinding> FindingsOf(IEnumerable<MemoryRecord> stored) => stored
        .SelectMany(m => m.Flags.Select(rule => (Rule: rule, Action: ActionTaken(m, rule), m.Id)))
        .GroupBy(f => (f.Rule, f.Action))
        .Select(g => new SecurityFinding(g.Key.Rule, g.Key.Action, g.Select(f => f.Id).ToList()));

    /// <summary>The findings of an updated memory, when its text changed (an unchanged text was reported when it was written).</summary>
    public IEnumerable<SecurityFinding> FindingsOfUpdate(MemoryRecord current, MemoryRecord updated) =>
        string.Equals(current.Text, updated.Text, StringComparison.Ordinal) ? [] : FindingsOf([updated]);

    private string ActionTaken(MemoryRecord memory, string rule) =>
        memory.Quarantined && _actions.GetValueOrDefault(rule) == ContentAction.Quarantine ? SecurityActionNames.Quarantine : SecurityActionNames.Flag;

    private static void ThrowIfRejected(List<(string Field, List<string> Rules)> rejected, ICollection<SecurityFinding> findings)
    {
        if (rejected.Count == 0)
        {
            return;
        }

        foreach (var rule in rejected.SelectMany(r => r.Rules))
        {
            findings.Add(new SecurityFinding(rule, SecurityActionNames.Reject, []));
        }

        throw new MemoryRejectedException(rejected[0].Field, rejected[0].Rules);
    }

    /// <summary>
    /// The text in NFC; text already in NFC is returned as the very same string. Validation has
    /// already refused unpaired surrogates, which normalization could not handle. Composition can
    /// lengthen a text (some characters have no precomposed form), so the limit is checked again.
    /// </summary>
    private static string Normalize(string text, string field, int maxBytes)
    {
        if (text.IsNormalized(NormalizationForm.FormC))
        {
            return text;
        }

        var normalized = text.Normalize(NormalizationForm.FormC);
        var bytes = Encoding.UTF8.GetByteCount(normalized);
        if (bytes > maxBytes)
        {
            throw new MemoryValidationException(field, $"{bytes} bytes once normalized to Unicode NFC", $"at most {maxBytes} bytes of UTF-8 text after NFC normalization");
        }

        return normalized;
    }
}
