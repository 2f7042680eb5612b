using TripSage.Memory.Grains.Operations;

namespace TripSage.Memory.Tests.Integration.Deploy;

/// <summary>The operators' docs name operations exactly as the catalogue does, so the audit trail and the dashboard join on one name.</summary>
public sealed class OperationCatalogueDocsTests
{
    [Fact]
    public void DeployDoc_ListsEveryOperationOfTheCatalogueByItsName()
    {
        var doc = File.ReadAllText(RepositoryFiles.PathOf("docs/deploy.md"));

        Assert.All(MemoryOperations.All, operation => Assert.Contains($"`{operation.Name}`", doc));
    }
}
