using YamlDotNet.RepresentationModel;

namespace TripSage.Memory.Tests.Integration.Deploy;

/// <summary>Files of this repository, found from the test's output folder, and YAML read from them.</summary>
internal static class RepositoryFiles
{
    private const string SolutionFile = "Orleans.sln";

    public static string Root { get; } = FindRoot();

    public static string PathOf(string relative) => Path.Combine(Root, relative);

    public static YamlMappingNode Yaml(string relative)
    {
        using var reader = new StreamReader(PathOf(relative));
        var stream = new YamlStream();
        stream.Load(reader);
        return (YamlMappingNode)stream.Documents.Single().RootNode;
    }

    /// <summary>A key of a mapping, looking into a YAML merge (<c>&lt;&lt;: *anchor</c>) when the mapping does not hold it.</summary>
    public static YamlNode? Get(this YamlMappingNode mapping, string key)
    {
        if (mapping.Children.TryGetValue(new YamlScalarNode(key), out var value))
        {
            return value;
        }

        return mapping.Children.TryGetValue(new YamlScalarNode("<<"), out var merged) && merged is YamlMappingNode parent ? parent.Get(key) : null;
    }

    public static YamlMappingNode Map(this YamlMappingNode mapping, string key) => (YamlMappingNode)(mapping.Get(key) ?? throw new KeyNotFoundException(key));

    public static IEnumerable<string> KeyNames(this YamlMappingNode mapping) => mapping.Children.Keys.OfType<YamlScalarNode>().Select(k => k.Value!);

    public static IEnumerable<string> Scalars(this YamlNode? node) => node switch
    {
        YamlSequenceNode sequence => sequence.Children.OfType<YamlScalarNode>().Select(s => s.Value!),
        YamlScalarNode scalar => [scalar.Value!],
        _ => [],
    };

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, SolutionFile)))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No {SolutionFile} above {AppContext.BaseDirectory}.");
    }
}
