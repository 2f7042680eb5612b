using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using TripSage.Memory.Grains.Security;
using TripSage.Memory.Grains.Security.Behaviour;
using TripSage.Memory.Grains.Security.Content;

namespace TripSage.Memory.Tests.Unit.Security;

/// <summary>Content and behaviour policy settings are checked at start, with messages naming the setting.</summary>
public sealed class SecurityPolicyOptionsTests
{
    [Fact]
    public void ContentPolicy_Defaults_QuarantineInjectionFlagInvisibleRejectSecrets()
    {
        var options = new ContentPolicyOptions();

        Assert.True(new ContentPolicyOptionsValidator().Validate(null, options).Succeeded);
        Assert.Equal(
            [("PromptInjection", "Quarantine"), ("InvisibleCharacters", "Flag"), ("CardNumber", "Reject"), ("ApiKey", "Reject")],
            options.Settings().Select(s => (s.Option, s.Value!)));
    }

    [Theory]
    [InlineData("Block")]
    [InlineData("")]
    [InlineData("1")]
    [InlineData("Flag, Reject")]
    public void ContentPolicy_UnknownAction_FailsNamingTheSettingAndTheAllowedActions(string value)
    {
        var result = new ContentPolicyOptionsValidator().Validate(null, new ContentPolicyOptions { CardNumber = value });

        Assert.True(result.Failed);
        Assert.Contains("TripSage:ContentPolicy:CardNumber", result.FailureMessage);
        Assert.Contains("Flag, Quarantine, Reject", result.FailureMessage);
    }

    [Fact]
    public void ContentPolicy_BadActionInConfiguration_FailsWhenTheOptionsAreFirstRead()
    {
        using var services = Services(new Dictionary<string, string?> { ["TripSage:ContentPolicy:PromptInjection"] = "Delete" });

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<ContentPolicyOptions>>().Value);

        Assert.Contains("TripSage:ContentPolicy:PromptInjection is 'Delete'", error.Message);
    }

    [Fact]
    public void ContentPolicy_ActionsInConfiguration_AreBoundCaseInsensitively()
    {
        using var services = Services(new Dictionary<string, string?> { ["TripSage:ContentPolicy:ApiKey"] = "quarantine" });

        Assert.Equal("quarantine", services.GetRequiredService<IOptions<ContentPolicyOptions>>().Value.ApiKey);
    }

    [Fact]
    public void BehaviourPolicy_Defaults_AreValid()
    {
        var options = new BehaviourPolicyOptions();

        Assert.True(new BehaviourPolicyOptionsValidator().Validate(null, options).Succeeded);
        Assert.Equal((5, TimeSpan.FromMinutes(1)), (options.DenialBurst.Count, options.DenialBurst.Window));
        Assert.Equal((100, TimeSpan.FromMinutes(10)), (options.MassForget.Count, options.MassForget.Window));
        Assert.Equal((3, TimeSpan.FromMinutes(1)), (options.RateLimitStorm.Count, options.RateLimitStorm.Window));
    }

    [Fact]
    public void BehaviourPolicy_ZeroCountAndWindow_FailNamingEachSetting()
    {
        var options = new BehaviourPolicyOptions { MassForget = new BehaviourThreshold { Count = 0, Window = TimeSpan.Zero } };

        var result = new BehaviourPolicyOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains("TripSage:BehaviourPolicy:MassForget:Count is 0", result.FailureMessage);
        Assert.Contains("TripSage:BehaviourPolicy:MassForget:Window", result.FailureMessage);
    }

    private static ServiceProvider Services(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddContentSecurity(configuration);
        return services.BuildServiceProvider();
    }
}
