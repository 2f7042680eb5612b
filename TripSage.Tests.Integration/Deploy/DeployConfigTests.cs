using System.Text.Json;
using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace TripSage.Memory.Tests.Integration.Deploy;

/// <summary>The production-like stack's files: they parse, pin every image, mount only files that exist, and commit no secret.</summary>
public sealed partial class DeployConfigTests
{
    private const string Compose = "docker-compose.yml";
    private const string Collector = "docker/otel-collector/config.yaml";
    private const string Prometheus = "docker/prometheus/prometheus.yml";
    private const string GrafanaDatasources = "docker/grafana/provisioning/datasources/datasources.yaml";
    private const string GrafanaDashboards = "docker/grafana/provisioning/dashboards/dashboards.yaml";
    internal const string Dashboard = "docker/grafana/dashboards/tripsage-grid.json";
    private const string SiloDockerfile = "TripSage.Silo/Dockerfile";

    private static YamlMappingNode Services => RepositoryFiles.Yaml(Compose).Map("services");

    [Fact]
    public void Compose_Services_AreTheWholeStack()
    {
        var names = Services.KeyNames().ToHashSet();

        Assert.Superset(new HashSet<string> { "dragonfly", "silo-1", "silo-2", "otel-collector", "jaeger", "prometheus", "grafana" }, names);
    }

    [Fact]
    public void Compose_EveryImage_IsPinnedToAVersion()
    {
        foreach (var (name, service) in ServicesByName())
        {
            var image = service.Get("image").Scalars().SingleOrDefault();
            Assert.True(image is not null, $"service {name} names no image");
            Assert.True(IsPinned(image), $"service {name} uses {image}, which is not pinned to a version");
        }
    }

    [Fact]
    public void Dockerfile_EveryBaseImage_IsPinnedToAVersion()
    {
        var images = File.ReadAllLines(RepositoryFiles.PathOf(SiloDockerfile))
            .Where(line => line.StartsWith("FROM ", StringComparison.Ordinal))
            .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1])
            .ToList();

        Assert.NotEmpty(images);
        Assert.All(images, image => Assert.True(IsPinned(image), $"{image} is not pinned to a version"));
    }

    [Fact]
    public void Compose_EveryMountedFile_Exists()
    {
        var mounts = ServicesByName()
            .SelectMany(s => s.Service.Get("volumes").Scalars().Select(volume => (s.Name, Source: volume.Split(':')[0])))
            .Where(m => m.Source.StartsWith('.') || m.Source.StartsWith('/'))
            .ToList();
        var builds = ServicesByName()
            .Select(s => s.Service.Get("build"))
            .OfType<YamlMappingNode>()
            .Select(build => Path.Combine(build.Get("context").Scalars().Single(), build.Get("dockerfile").Scalars().Single()));

        Assert.NotEmpty(mounts);
        Assert.All(mounts, m => Assert.True(File.Exists(RepositoryFiles.PathOf(m.Source)) || Directory.Exists(RepositoryFiles.PathOf(m.Source)), $"service {m.Name} mounts {m.Source}, which does not exist"));
        Assert.All(builds, dockerfile => Assert.True(File.Exists(RepositoryFiles.PathOf(dockerfile)), $"{dockerfile} does not exist"));
    }

    [Fact]
    public void Compose_Secrets_ComeOnlyFromRequiredVariables()
    {
        var secrets = ServicesByName()
            .SelectMany(s => s.Service.Get("environment") is YamlMappingNode environment ? environment.Children : Enumerable.Empty<KeyValuePair<YamlNode, YamlNode>>())
            .Select(e => (Key: ((YamlScalarNode)e.Key).Value!, Value: ((YamlScalarNode)e.Value).Value!))
            .Where(e => SecretName().IsMatch(e.Key) || e.Value.Contains("password=", StringComparison.OrdinalIgnoreCase))
            .ToList();

        Assert.Contains(secrets, e => e.Value.Contains("${DRAGONFLY_PASSWORD:?", StringComparison.Ordinal));
        Assert.All(secrets, e => Assert.Matches(RequiredVariable(), e.Value));
        Assert.All(
            File.ReadAllLines(RepositoryFiles.PathOf(".env.example")).Where(line => line.Contains('=') && !line.StartsWith('#')),
            line => Assert.EndsWith("=", line));
    }

    [Fact]
    public void Compose_Dragonfly_KeepsStateOnAVolumeAndIsNoCache()
    {
        var dragonfly = Services.Map("dragonfly");
        var flags = dragonfly.Get("command").Scalars().ToList();

        Assert.Contains("--cache_mode=false", flags);
        Assert.Contains(flags, flag => flag.StartsWith("--snapshot_cron=", StringComparison.Ordinal));
        Assert.Contains("--dir=/data", flags);
        Assert.Contains(dragonfly.Get("volumes").Scalars(), volume => volume.EndsWith(":/data", StringComparison.Ordinal) && !volume.StartsWith('.'));
    }

    [Fact]
    public void Collector_Pipelines_UseDefinedComponentsAndReachJaegerAndPrometheus()
    {
        var config = RepositoryFiles.Yaml(Collector);
        var pipelines = config.Map("service").Map("pipelines");

        foreach (var (section, role) in new[] { ("receivers", "receivers"), ("processors", "processors"), ("exporters", "exporters") })
        {
            var defined = config.Map(section).KeyNames().ToHashSet();
            var used = pipelines.Children.Values.OfType<YamlMappingNode>().SelectMany(p => p.Get(role).Scalars());
            Assert.All(used, component => Assert.Contains(component, defined));
        }

        Assert.Contains("otlp", pipelines.Map("traces").Get("receivers").Scalars());
        Assert.Contains("jaeger:4317", config.Map("exporters").Map("otlp/jaeger").Get("endpoint").Scalars());
        Assert.Contains("prometheus", pipelines.Map("metrics").Get("exporters").Scalars());
    }

    [Fact]
    public void Prometheus_ScrapesBothSilosAndTheCollector()
    {
        var targets = ((YamlSequenceNode)RepositoryFiles.Yaml(Prometheus).Get("scrape_configs")!).Children
            .OfType<YamlMappingNode>()
            .SelectMany(job => ((YamlSequenceNode)job.Get("static_configs")!).Children.OfType<YamlMappingNode>())
            .SelectMany(config => config.Get("targets").Scalars())
            .ToHashSet();

        Assert.Superset(new HashSet<string> { "silo-1:8080", "silo-2:8080", "otel-collector:8889" }, targets);
    }

    [Fact]
    public void Compose_Prometheus_MountsTheAlertRulesItsConfigLoads()
    {
        var volumes = Services.Map("prometheus").Get("volumes").Scalars().ToList();
        var ruleFiles = RepositoryFiles.Yaml(Prometheus).Get("rule_files").Scalars().ToList();

        Assert.Contains("./docker/prometheus/prometheus.yml:/etc/prometheus/prometheus.yml:ro", volumes);
        Assert.Contains("./docker/prometheus/alerts.yml:/etc/prometheus/alerts.yml:ro", volumes);
        // Relative to the config file, so the same line works in the container and for promtool in the repository.
        Assert.Equal(["alerts.yml"], ruleFiles);
    }

    [Fact]
    public void Grafana_Provisioning_NamesThePrometheusDatasourceTheDashboardUses()
    {
        var datasources = ((YamlSequenceNode)RepositoryFiles.Yaml(GrafanaDatasources).Get("datasources")!).Children.OfType<YamlMappingNode>()
            .Select(ds => ds.Get("uid").Scalars().Single())
            .ToHashSet();
        var provider = ((YamlSequenceNode)RepositoryFiles.Yaml(GrafanaDashboards).Get("providers")!).Children.OfType<YamlMappingNode>().Single();
        using var dashboard = JsonDocument.Parse(File.ReadAllText(RepositoryFiles.PathOf(Dashboard)));
        var used = QueryPanels(dashboard)
            .Select(panel => panel.GetProperty("datasource").GetProperty("uid").GetString()!)
            .ToHashSet();

        Assert.Equal("/var/lib/grafana/dashboards", provider.Map("options").Get("path").Scalars().Single());
        Assert.Subset(datasources, used);
        Assert.All(
            dashboard.RootElement.GetProperty("panels").EnumerateArray(),
            panel => Assert.False(string.IsNullOrWhiteSpace(panel.GetProperty("description").GetString())));
    }

    internal static IEnumerable<string> DashboardQueries()
    {
        using var dashboard = JsonDocument.Parse(File.ReadAllText(RepositoryFiles.PathOf(Dashboard)));
        return QueryPanels(dashboard)
            .SelectMany(panel => panel.GetProperty("targets").EnumerateArray())
            .Select(target => target.GetProperty("expr").GetString()!)
            .ToList();
    }

    // Rows only group panels; every other panel queries a datasource.
    private static IEnumerable<JsonElement> QueryPanels(JsonDocument dashboard) =>
        dashboard.RootElement.GetProperty("panels").EnumerateArray().Where(panel => panel.GetProperty("type").GetString() != "row");

    [Fact]
    public void Compose_SiloTlsFiles_AreInTheMountedFolderAndMadeByTheScript()
    {
        var compose = File.ReadAllText(RepositoryFiles.PathOf("docker-compose.yml"));
        var script = File.ReadAllText(RepositoryFiles.PathOf("docker/certs/generate-dev-certs.sh"));
        var files = Regex.Matches(compose, @"TripSage__Tls__\w+Path: /certs/(?<file>[\w.]+)").Select(m => m.Groups["file"].Value).ToList();

        Assert.Contains("- ./docker/certs:/certs:ro", compose);
        Assert.Contains("TripSage__Tls__Enabled: \"true\"", compose);
        Assert.Equal(["silo.crt", "silo.key", "ca.crt"], files);
        Assert.All(files, file => Assert.Contains(file.Split('.')[0], script));
    }

    private static IEnumerable<(string Name, YamlMappingNode Service)> ServicesByName() =>
        Services.Children.Select(s => (((YamlScalarNode)s.Key).Value!, (YamlMappingNode)s.Value));

    // A tag after the last path segment's colon that starts with a version number (1.2, v1.2.3, 10.0.12).
    private static bool IsPinned(string image)
    {
        var name = image[(image.LastIndexOf('/') + 1)..];
        var colon = name.IndexOf(':');
        return colon > 0 && VersionTag().IsMatch(name[(colon + 1)..]);
    }

    [GeneratedRegex(@"^v?\d+\.\d+(\.\d+)?")]
    private static partial Regex VersionTag();

    [GeneratedRegex("PASSWORD|TOKEN|SECRET|SIGNING|KEYS?__|requirepass", RegexOptions.IgnoreCase)]
    private static partial Regex SecretName();

    [GeneratedRegex(@"\$\{[A-Z_]+:\?[^}]+\}")]
    private static partial Regex RequiredVariable();
}
