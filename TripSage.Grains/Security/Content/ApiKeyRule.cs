using System.Text.RegularExpressions;

namespace TripSage.Memory.Grains.Security.Content;

/// <summary>
/// Matches credentials in the shapes their issuers give them: OpenAI and Anthropic (<c>sk-…</c>),
/// Stripe secret keys, AWS access key ids (<c>AKIA…</c>), GitHub tokens (<c>ghp_…</c>,
/// <c>github_pat_…</c>), Slack tokens (<c>xoxb-…</c>), Google API keys (<c>AIza…</c>), signed JWTs
/// and PEM private key headers. Keys are ASCII and case-sensitive, so the text is matched as stored.
/// </summary>
internal sealed partial class ApiKeyRule : IContentRule
{
    public string Id => SecurityRuleIds.ApiKey;

    public bool Matches(InspectedText text) => KeyShape().IsMatch(text.Original);

    [GeneratedRegex(
        @"(?<![A-Za-z0-9_-])sk-(?:proj-|svcacct-|admin-|ant-)?[A-Za-z0-9_-]{20,}"
        + @"|(?<![A-Za-z0-9_])(?:sk|rk)_(?:live|test)_[A-Za-z0-9]{16,}"
        + @"|(?<![A-Za-z0-9])(?:AKIA|ASIA|ABIA|ACCA)[0-9A-Z]{16}(?![0-9A-Z])"
        + @"|(?<![A-Za-z0-9_])gh[pousr]_[A-Za-z0-9]{36,}"
        + @"|(?<![A-Za-z0-9_])github_pat_[A-Za-z0-9_]{22,}"
        + @"|(?<![A-Za-z0-9-])xox[abprs]-[A-Za-z0-9-]{10,}"
        + @"|(?<![A-Za-z0-9_-])AIza[0-9A-Za-z_-]{35}"
        + @"|(?<![A-Za-z0-9_-])eyJ[A-Za-z0-9_-]{10,}\.eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}"
        + @"|-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----",
        RegexOptions.CultureInvariant)]
    private static partial Regex KeyShape();
}
