using System.Xml.Linq;
using TripSage.Memory.Tests.Integration.Deploy;

namespace TripSage.Memory.Tests.Integration.Cli;

/// <summary>
/// The CLI packs as the .NET tool <c>tripsage</c>, and the README installs it under the names the
/// project file gives. Running <c>dotnet pack</c> itself takes minutes on a shared machine, so the
/// README's walk-through was run by hand; this keeps the two from drifting apart.
/// </summary>
public sealed class CliToolPackageTests
{
    private static readonly XDocument Project = XDocument.Load(RepositoryFiles.PathOf("TripSage.Cli/TripSage.Cli.csproj"));

    [Fact]
    public void CliProject_PacksAsTheToolTripsage()
    {
        Assert.Equal("true", Property("PackAsTool"));
        Assert.Equal("tripsage", Property("ToolCommandName"));
        Assert.Equal("tripsage", Property("AssemblyName"));
    }

    [Fact]
    public void Readme_InstallsThePackageThePackCommandProduces()
    {
        var readme = File.ReadAllText(RepositoryFiles.PathOf("README.md"));

        Assert.Contains("dotnet pack TripSage.Cli ", readme);
        Assert.Contains($"dotnet tool install --global --add-source TripSage.Cli/bin/Release {Property("PackageId")} ", readme);
        Assert.Contains($"TripSage.Cli/bin/Release/{Property("PackageId")}.{Property("Version")}.nupkg", readme);
    }

    private static string? Property(string name) =>
        Project.Descendants(name).SingleOrDefault()?.Value;
}
