using TripSage.Memory.Hosting;

namespace TripSage.Memory.Tests.Integration.Http;

/// <summary>The HTTP settings are checked when the host is built: a wrong value names the setting and what it allows.</summary>
public sealed class HttpApiOptionsTests : IDisposable
{
    private readonly string _dataPath = Directory.CreateTempSubdirectory("tripsage-http-options-").FullName;

    [Theory]
    [InlineData("TripSage:Http:ReferencePage", "Sometimes", "allowed: Development, On, Off")]
    [InlineData("TripSage:Http:MaxRequestBodyBytes", "10", "TripSage:Http:MaxRequestBodyBytes is 10")]
    [InlineData("TripSage:Http:MaxImportBodyBytes", "0", "TripSage:Http:MaxImportBodyBytes is 0")]
    public void Host_WithAWrongHttpSetting_RefusesToStartNamingIt(string setting, string value, string message)
    {
        var error = Assert.ThrowsAny<Exception>(() => InProcessSilo.Build("Development", new Dictionary<string, string?>
        {
            ["Urls"] = "http://127.0.0.1:0",
            ["TripSage:DataPath"] = _dataPath,
            ["TripSage:Store:ConnectionString"] = "127.0.0.1:1",
            [setting] = value,
        }));

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Development", "Development", true)]
    [InlineData("Development", "Production", false)]
    [InlineData("On", "Production", true)]
    [InlineData("off", "Development", false)]
    public void ReferencePage_IsServedPerSettingAndEnvironment(string setting, string environment, bool served)
    {
        var options = new Hosting.Http.HttpApiOptions { ReferencePage = setting };

        Assert.Equal(served, options.ServesReferencePage(new Microsoft.Extensions.Hosting.Internal.HostingEnvironment { EnvironmentName = environment }));
    }

    public void Dispose() => Directory.Delete(_dataPath, recursive: true);
}
