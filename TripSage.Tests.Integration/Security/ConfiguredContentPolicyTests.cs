using TripSage.Memory.Grains.Security;
using TripSage.Memory.Tests.Infrastructure;
using TripSage.Memory.Grains.Security.Content;

namespace TripSage.Memory.Tests.Integration.Security;

/// <summary>
/// The same attacks on a grid configured with every default turned around, so each action is
/// shown to come from <c>TripSage:ContentPolicy</c> and not from the code.
/// </summary>
public sealed class ConfiguredContentPolicyTests(ConfiguredContentPolicyTests.Grid grid) : IClassFixture<ConfiguredContentPolicyTests.Grid>
{
    public static readonly ContentPolicyOptions Policy = new()
    {
        PromptInjection = "Reject",
        InvisibleCharacters = "Quarantine",
        CardNumber = "Flag",
        ApiKey = "quarantine",
    };

    public static TheoryData<string> SuspiciousCases() => new(SecurityCorpus.Suspicious.Keys);

    [Theory]
    [MemberData(nameof(SuspiciousCases))]
    public async Task Remember_SuspiciousText_IsHandledAsTheConfiguredPolicySays(string @case)
    {
        var (text, rules) = SecurityCorpus.Suspicious[@case];

        await ContentPolicyExpectation.AssertHandledAsync(grid.Memory, Policy, text, rules);
    }

    /// <summary>A grid of its own on its own embedded store, with <see cref="Policy"/>.</summary>
    public sealed class Grid : IAsyncLifetime
    {
        private GarnetTestStore? _store;

        public MemoryCluster Memory { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            _store = GarnetTestStore.Start();
            Memory = await MemoryCluster.StartAsync(_store, ContentPolicyExpectation.Settings(Policy));
        }

        public async Task DisposeAsync()
        {
            await Memory.DisposeAsync();
            await _store!.DisposeAsync();
        }
    }
}
