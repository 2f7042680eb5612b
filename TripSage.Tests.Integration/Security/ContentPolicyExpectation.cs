using System.Text;
using TripSage.Memory.Grains.Security;
using TripSage.Memory.Tests.Infrastructure;
using TripSage.Memory.Grains.Security.Content;

namespace TripSage.Memory.Tests.Integration.Security;

/// <summary>What a configured policy must do with a suspicious text, checked through the real grain.</summary>
internal static class ContentPolicyExpectation
{
    /// <summary>The configuration settings that give a grid <paramref name="policy"/>.</summary>
    public static Dictionary<string, string?> Settings(ContentPolicyOptions policy) =>
        policy.Settings().ToDictionary(s => $"{ContentPolicyOptions.SectionName}:{s.Option}", s => s.Value);

    /// <summary>
    /// Remembers <paramref name="text"/> (after an ordinary memory, in one batch) and checks the outcome:
    /// rejected (nothing stored, the snapshot untouched) when one of its rules rejects; otherwise stored
    /// in NFC with exactly its rules as flags, quarantined when one of them quarantines.
    /// </summary>
    public static async Task AssertHandledAsync(MemoryCluster memory, ContentPolicyOptions policy, string text, string[] rules)
    {
        var actions = policy.Settings().ToDictionary(s => s.RuleId, s => s.Value!.ToLowerInvariant());
        var userId = TestUsers.New();
        var user = memory.User(userId);
        var snapshotBefore = await memory.RawSnapshotAsync(userId);

        var rejecting = rules.Where(r => actions[r] == SecurityActionNames.Reject).ToList();
        if (rejecting.Count > 0)
        {
            var error = await Assert.ThrowsAsync<MemoryRejectedException>(() => user.RememberAsync([new NewMemory("aisle seat"), new NewMemory(text)]));
            Assert.Equal("memories[1].text", error.Field);
            Assert.Equal(rejecting, error.Rules);
            Assert.Equal(0, (await user.GetStatsAsync()).MemoryCount);
            Assert.Equal(snapshotBefore, await memory.RawSnapshotAsync(userId));
            return;
        }

        var outcome = (await user.RememberAsync([new NewMemory(text)])).Outcomes[0];
        var stored = await user.GetAsync(outcome.MemoryId);

        var quarantined = rules.Any(r => actions[r] == SecurityActionNames.Quarantine);
        Assert.NotNull(stored);
        Assert.Equal(text.Normalize(NormalizationForm.FormC), stored.Text);
        Assert.Equal(rules, stored.Flags);
        Assert.Equal(quarantined, stored.Quarantined);
        Assert.Equal(rules, outcome.Flags);
        Assert.Equal(quarantined, outcome.Quarantined);
    }
}
