using TripSage.Memory.Hosting;

namespace TripSage.Memory.Tests.Unit.Hosting;

public sealed class SiloHostOptionsValidatorTests
{
    [Theory]
    [InlineData("")]
    [InlineData("127.0.0.1")]
    [InlineData("::1")]
    public void Validate_AdvertisedAddressEmptyOrIp_Succeeds(string address) =>
        Assert.True(new SiloHostOptionsValidator().Validate(null, new SiloHostOptions { AdvertisedAddress = address }).Succeeded);

    [Fact]
    public void Validate_AdvertisedAddressNotAnIp_NamesTheSetting()
    {
        var result = new SiloHostOptionsValidator().Validate(null, new SiloHostOptions { AdvertisedAddress = "silo-1.local" });

        Assert.False(result.Succeeded);
        Assert.Contains("TripSage:Silo:AdvertisedAddress", result.FailureMessage);
    }
}
