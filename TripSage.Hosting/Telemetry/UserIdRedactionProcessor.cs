using System.Diagnostics;
using System.Text.RegularExpressions;
using OpenTelemetry;
using TripSage.Memory.Grains.Telemetry;

namespace TripSage.Memory.Hosting.Telemetry;

/// <summary>
/// Replaces user ids in span attributes before any exporter sees them. Orleans' own spans name
/// the grains they touch (<c>orleans.rpc.target_id</c>, <c>orleans.grain.id</c>, directory
/// addresses, exception messages) as <c>&lt;grain type&gt;/&lt;key&gt;</c>, and two grain types are
/// keyed by the user: the user memory grain (key = user id) and the stream pub-sub rendezvous
/// grain (key = stream id, and the audit stream is one per user). Their keys become
/// <c>#&lt;hash&gt;</c>; for a user memory grain that is the span's <c>tripsage.user.hash</c>.
/// A new grain type keyed by user ids must be added here.
/// </summary>
internal sealed class UserIdRedactionProcessor : BaseProcessor<Activity>
{
    /// <summary>Orleans' grain type of stream subscriptions, keyed by the stream id.</summary>
    public const string StreamRendezvousGrainType = "pubsubrendezvous";

    private readonly Regex _userKeyedGrainIds;

    public UserIdRedactionProcessor(string userGrainType)
    {
        var types = string.Join('|', new[] { userGrainType, StreamRendezvousGrainType }.Select(Regex.Escape));

        // A key runs to the next space, quote, comma or bracket (how Orleans prints ids inside text);
        // a key already redacted starts with '#', which no user id does, so it is left alone.
        _userKeyedGrainIds = new Regex(
            $@"\b(?<type>{types})/(?<key>[^#\s,'""\]\)][^\s,'""\]\)]*)",
            RegexOptions.CultureInvariant | RegexOptions.Compiled);
    }

    public override void OnEnd(Activity activity)
    {
        List<KeyValuePair<string, string>>? redacted = null;
        foreach (var (key, value) in activity.TagObjects)
        {
            if (value is string text && _userKeyedGrainIds.IsMatch(text))
            {
                (redacted ??= []).Add(new(key, Redact(text)));
            }
        }

        foreach (var (key, value) in redacted ?? [])
        {
            activity.SetTag(key, value);
        }
    }

    public string Redact(string text) =>
        _userKeyedGrainIds.Replace(text, match => $"{match.Groups["type"].Value}/#{UserIdHash.Of(match.Groups["key"].Value)}");
}
