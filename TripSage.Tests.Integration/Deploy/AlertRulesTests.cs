using System.Globalization;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.RegularExpressions;
using TripSage.Memory.Grains.Operations;
using TripSage.Memory.Grains.Security;
using TripSage.Memory.Grains.Telemetry;

namespace TripSage.Memory.Tests.Integration.Deploy;

/// <summary>
/// The alerting rules (<c>docker/prometheus/alerts.yml</c>): promtool accepts them, Prometheus's config
/// loads them, every alert says how bad it is and where its runbook is, and every label value they
/// match on is one the grid produces. That every metric name exists is checked against a real scrape
/// in <see cref="AlertRuleMetricNameTests"/>.
/// </summary>
public sealed partial class AlertRulesTests
{
    private const string OperationsDoc = "docs/operations.md";
    private const string PrometheusConfig = "docker/prometheus/prometheus.yml";
    private static readonly HashSet<string> Severities = ["critical", "warning", "info"];

    [SkippableFact]
    public async Task Promtool_CheckRules_AcceptsTheAlertRules()
    {
        Promtool.SkipUnlessAvailable();

        var (exitCode, output) = await Promtool.RunAsync("check", "rules", PrometheusRule.File);

        Assert.True(exitCode == 0, output);
        Assert.Contains($"SUCCESS: {PrometheusRule.All().Count} rules found", output);
    }

    [SkippableFact]
    public async Task Promtool_CheckConfig_LoadsTheAlertRulesFromThePrometheusConfig()
    {
        Promtool.SkipUnlessAvailable();

        var (exitCode, output) = await Promtool.RunAsync("check", "config", PrometheusConfig);

        Assert.True(exitCode == 0, output);
        Assert.Contains($"Checking {Path.GetDirectoryName(PrometheusConfig)}/{Path.GetFileName(PrometheusRule.File)}", output);
    }

    [Fact]
    public void Alerts_Each_HasASeveritySummaryDescriptionAndRunbookHeadingInTheOperationsDoc()
    {
        var alerts = PrometheusRule.All().Where(rule => rule.Alert is not null).ToList();
        var anchors = MarkdownAnchors(File.ReadAllText(RepositoryFiles.PathOf(OperationsDoc)));

        Assert.NotEmpty(alerts);
        Assert.Equal(alerts.Count, alerts.Select(a => a.Alert).Distinct().Count());
        Assert.All(alerts, alert =>
        {
            Assert.True(Severities.Contains(alert.Label("severity") ?? string.Empty), $"{alert.Alert}: severity must be one of {string.Join(", ", Severities)}");
            Assert.False(string.IsNullOrWhiteSpace(alert.Annotation("summary")), $"{alert.Alert} has no summary");
            Assert.False(string.IsNullOrWhiteSpace(alert.Annotation("description")), $"{alert.Alert} has no description");
            // One name per concept: the runbook heading is the alert's name.
            Assert.Equal($"{OperationsDoc}#{alert.Alert!.ToLowerInvariant()}", alert.Annotation("runbook_url"));
            Assert.True(anchors.Contains(alert.Alert.ToLowerInvariant()), $"{OperationsDoc} has no heading for {alert.Alert}");
        });
    }

    [Fact]
    public void Alerts_RecordedSeries_AreEachRecordedInTheFile()
    {
        var rules = PrometheusRule.All();
        var recorded = rules.Where(r => r.Record is not null).Select(r => r.Record!).ToHashSet();

        var used = rules.SelectMany(r => RecordedName().Matches(r.Expression).Select(m => m.Value)).ToHashSet();

        Assert.NotEmpty(used);
        Assert.All(used, name => Assert.True(recorded.Contains(name), $"{name} is used but no rule records it"));
    }

    [Fact]
    public void Alerts_LabelValues_AreOnesTheGridProduces()
    {
        var known = new Dictionary<string, IReadOnlySet<string>>
        {
            [MemoryTelemetry.Tags.Operation] = MemoryOperations.All.Select(o => o.Name).ToHashSet(),
            [MemoryTelemetry.Tags.Outcome] = Outcomes(),
            [MemoryTelemetry.Tags.Rule] = ConstantsOf(typeof(SecurityRuleIds)),
            [MemoryTelemetry.Tags.Action] = ConstantsOf(typeof(MemoryTelemetry.SnapshotActions)),
        };

        var matched = LabelMatchers().ToList();

        Assert.All(known.Keys, label => Assert.Contains(matched, m => m.Label == label));
        Assert.All(
            matched.Where(m => known.ContainsKey(m.Label)),
            m => Assert.True(known[m.Label].Contains(m.Value), $"{m.Rule} matches {m.Label}=\"{m.Value}\", which the grid never produces"));
    }

    [Fact]
    public void Alerts_LatencyObjective_LeavesOutExactlyTheSensitiveOperations()
    {
        var sensitive = MemoryOperations.All.Where(o => o.Class == OperationClass.Sensitive).Select(o => o.Name).ToHashSet();

        var exclusions = PrometheusRule.All()
            .SelectMany(rule => LabelMatcher().Matches(rule.Expression).Where(m => m.Groups["label"].Value == "operation" && m.Groups["op"].Value == "!~")
                .Select(m => (rule.Name, Excluded: m.Groups["value"].Value.Split('|').ToHashSet())))
            .ToList();

        Assert.NotEmpty(exclusions);
        Assert.All(exclusions, e => Assert.True(sensitive.SetEquals(e.Excluded), $"{e.Name} leaves out {string.Join('|', e.Excluded)}, not the sensitive operations {string.Join('|', sensitive)}"));
    }

    [Fact]
    public void Dashboard_SloConstants_AreTheObjectivesTheAlertsUse()
    {
        var rules = PrometheusRule.All();
        using var dashboard = JsonDocument.Parse(File.ReadAllText(RepositoryFiles.PathOf(DeployConfigTests.Dashboard)));
        var constants = dashboard.RootElement.GetProperty("templating").GetProperty("list").EnumerateArray()
            .Where(v => v.GetProperty("type").GetString() == "constant")
            .ToDictionary(v => v.GetProperty("name").GetString()!, v => double.Parse(v.GetProperty("query").GetString()!, CultureInfo.InvariantCulture));
        double Objective(string record) =>
            double.Parse(ObjectiveValue().Match(rules.Single(r => r.Record == record).Expression).Groups[1].Value, CultureInfo.InvariantCulture);
        var thresholds = LabelMatchers().Where(m => m.Label == "le").Select(m => double.Parse(m.Value, CultureInfo.InvariantCulture)).ToHashSet();

        Assert.Equal(Objective("tripsage:slo:availability_objective"), constants["availability_objective"]);
        Assert.Equal(Objective("tripsage:slo:latency_objective"), constants["latency_objective"]);
        Assert.Equal([constants["latency_threshold"]], thresholds);
    }

    /// <summary>Every <c>label op "value"</c> in every expression; a regex match (<c>=~</c>, <c>!~</c>) yields one value per alternative.</summary>
    internal static IEnumerable<(string Rule, string Label, string Value)> LabelMatchers() =>
        PrometheusRule.All().SelectMany(rule => LabelMatcher().Matches(rule.Expression).SelectMany(m =>
        {
            var values = m.Groups["op"].Value.Contains('~') ? m.Groups["value"].Value.Split('|') : [m.Groups["value"].Value];
            return values.Select(value => (rule.Name, m.Groups["label"].Value, value));
        }));

    // What OperationOutcome.Of can return: ok, error, conflict, and the outcome of every typed exception the client sees.
    private static HashSet<string> Outcomes()
    {
        var typed = typeof(MemoryValidationException).Assembly.GetExportedTypes()
            .Where(t => typeof(Exception).IsAssignableFrom(t) && !t.IsAbstract)
            .Select(t => OperationOutcome.Of((Exception)RuntimeHelpers.GetUninitializedObject(t)));
        return [OperationOutcome.Ok, OperationOutcome.Error, OperationOutcome.Conflict, .. typed];
    }

    private static HashSet<string> ConstantsOf(Type type) =>
        type.GetFields(BindingFlags.Public | BindingFlags.Static).Where(f => f.IsLiteral).Select(f => (string)f.GetRawConstantValue()!).ToHashSet();

    // GitHub's heading anchors: lower case, punctuation dropped, spaces to hyphens.
    private static HashSet<string> MarkdownAnchors(string markdown) =>
        markdown.Split('\n')
            .Where(line => line.StartsWith('#'))
            .Select(line => AnchorDropped().Replace(line.TrimStart('#').Trim().ToLowerInvariant(), string.Empty).Replace(' ', '-'))
            .ToHashSet();

    [GeneratedRegex(@"\btripsage:[a-z0-9_:]+")]
    private static partial Regex RecordedName();

    [GeneratedRegex(@"(?<label>[a-z_]+)\s*(?<op>=~|!~|!=|=)\s*""(?<value>[^""]*)""")]
    private static partial Regex LabelMatcher();

    [GeneratedRegex(@"^vector\(([0-9.]+)\)$")]
    private static partial Regex ObjectiveValue();

    [GeneratedRegex(@"[^a-z0-9 _-]")]
    private static partial Regex AnchorDropped();
}
