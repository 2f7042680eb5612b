using YamlDotNet.RepresentationModel;

namespace TripSage.Memory.Tests.Integration.Deploy;

/// <summary>One rule of <c>docker/prometheus/alerts.yml</c>: an alert (<see cref="Alert"/> set) or a recording rule (<see cref="Record"/> set).</summary>
internal sealed record PrometheusRule(string Group, string? Alert, string? Record, string Expression, YamlMappingNode Node)
{
    public const string File = "docker/prometheus/alerts.yml";

    public string Name => Alert ?? Record!;

    public string? Label(string name) => (Node.Get("labels") as YamlMappingNode)?.Get(name).Scalars().SingleOrDefault();

    public string? Annotation(string name) => (Node.Get("annotations") as YamlMappingNode)?.Get(name).Scalars().SingleOrDefault();

    /// <summary>Every rule of every group in the file, in file order.</summary>
    public static IReadOnlyList<PrometheusRule> All() =>
        ((YamlSequenceNode)RepositoryFiles.Yaml(File).Get("groups")!).Children.OfType<YamlMappingNode>()
            .SelectMany(group => ((YamlSequenceNode)group.Get("rules")!).Children.OfType<YamlMappingNode>()
                .Select(rule => new PrometheusRule(
                    group.Get("name").Scalars().Single(),
                    rule.Get("alert").Scalars().SingleOrDefault(),
                    rule.Get("record").Scalars().SingleOrDefault(),
                    rule.Get("expr").Scalars().Single(),
                    rule)))
            .ToList();
}
