using System.Diagnostics;
using TripSage.Memory.Grains.Telemetry;
using TripSage.Memory.Tests.Infrastructure;

namespace TripSage.Memory.Tests.Integration.Telemetry;

/// <summary>A trace started by an agent backend continues through the grain call into the store commands.</summary>
[Collection(TelemetrySiloCollection.Name)]
public sealed class TracingTests(TelemetrySiloFixture silo)
{
    private const string RedisSource = "OpenTelemetry.Instrumentation.StackExchangeRedis";
    private static readonly TimeSpan SpanTimeout = TimeSpan.FromSeconds(15);

    private static bool StoreSpanWithinOperation(IReadOnlyList<Activity> spans) =>
        spans.Where(s => s.Source.Name == MemoryTelemetry.Name).Any(operation =>
            spans.Any(s => s.Source.Name == RedisSource && IsWithin(s, operation, spans)));

    [Fact]
    public async Task Remember_InAnAgentTrace_GrainAndStoreSpansShareTheTraceId()
    {
        var userId = TestUsers.New("trace");
        var traceId = await InAgentTraceAsync(userId, memory => memory.RememberAsync(userId, new NewMemory("Prefers night trains")));

        // Store spans are exported in batches, so wait for one inside the memory operation, not just any.
        await Eventually.TrueAsync(
            () => Task.FromResult(StoreSpanWithinOperation(SpansOf(traceId))),
            SpanTimeout,
            "a store command span inside the traced memory operation");
        var spans = SpansOf(traceId);

        Assert.Contains(spans, s => s.Source.Name.StartsWith("Microsoft.Orleans", StringComparison.Ordinal) && s.Kind == ActivityKind.Server);
        var operation = Assert.Single(spans, s => s.Source.Name == MemoryTelemetry.Name);
        var store = spans.Where(s => s.Source.Name == RedisSource).ToList();
        Assert.Contains(store, s => IsWithin(s, operation, spans));
    }

    [Fact]
    public async Task MemorySpans_ForSuccessAndFailure_CarryOperationOutcomeAndHashedUser()
    {
        var userId = TestUsers.New("trace");
        var okTrace = await InAgentTraceAsync(userId, memory => memory.RememberAsync(userId, new NewMemory("Window seat on day flights")));
        var notFoundTrace = await InAgentTraceAsync(userId, async memory =>
            await Assert.ThrowsAsync<MemoryNotFoundException>(() => memory.UpdateAsync(userId, "no-such-memory", new MemoryUpdate(Text: "changed"))));

        var ok = await MemorySpanAsync(okTrace);
        var notFound = await MemorySpanAsync(notFoundTrace);

        Assert.Equal("remember", ok.GetTagItem(MemoryTelemetry.Tags.Operation));
        Assert.Equal("ok", ok.GetTagItem(MemoryTelemetry.Tags.Outcome));
        Assert.Equal(1, ok.GetTagItem(MemoryTelemetry.Tags.ItemsIn));
        Assert.Equal(1, ok.GetTagItem(MemoryTelemetry.Tags.ItemsOut));
        Assert.Equal(UserIdHash.Of(userId), ok.GetTagItem(MemoryTelemetry.Tags.UserHash));
        Assert.Equal("update", notFound.GetTagItem(MemoryTelemetry.Tags.Operation));
        Assert.Equal("not_found", notFound.GetTagItem(MemoryTelemetry.Tags.Outcome));
        Assert.Equal(ActivityStatusCode.Error, notFound.Status);
    }

    [Fact]
    public async Task Telemetry_AfterCallsWithUserText_HoldsNoRawUserIdOrMemoryText()
    {
        var userId = TestUsers.New("private");
        var text = $"Passport number hidden in the blue suitcase {Guid.NewGuid():N}";
        var traceId = await InAgentTraceAsync(userId, async memory =>
        {
            var stored = await memory.RememberAsync(userId, new NewMemory(text));
            await memory.GetAsync(userId, stored.MemoryId);
            await Assert.ThrowsAsync<MemoryNotFoundException>(() => memory.UpdateAsync(userId, "no-such-memory", new MemoryUpdate(Text: text)));
        });
        await Eventually.TrueAsync(
            () => Task.FromResult(SpansOf(traceId).Any(s => s.Source.Name == RedisSource)),
            SpanTimeout,
            "the store command spans of the traced calls");

        var spanValues = silo.SiloSpans.Snapshot().SelectMany(s => s.TagObjects
            .Select(t => $"span '{s.DisplayName}' ({s.Source.Name}) {t.Key}={t.Value}")
            .Append($"span name {s.DisplayName}: {s.StatusDescription}"));
        var metricValues = silo.CollectMetrics().SelectMany(m => m.MetricPoints
            .SelectMany(p => TagsOf(p).Select(t => $"metric {m.Name} {t.Key}={t.Value}")));

        Assert.Contains(silo.SiloSpans.Snapshot(), s => s.TraceId == traceId && Equals(s.GetTagItem(MemoryTelemetry.Tags.UserHash), UserIdHash.Of(userId)));
        var leaks = spanValues.Concat(metricValues).Where(value => value.Contains(userId) || value.Contains(text)).ToList();
        Assert.True(leaks.Count == 0, string.Join(Environment.NewLine, leaks));
    }

    internal static IEnumerable<KeyValuePair<string, object?>> TagsOf(OpenTelemetry.Metrics.MetricPoint point)
    {
        foreach (var tag in point.Tags)
        {
            yield return tag;
        }
    }

    private async Task<ActivityTraceId> InAgentTraceAsync(string userId, Func<Client.IMemoryClient, Task> calls)
    {
        using var agent = await silo.StartAgentAsync(userId);
        ActivityTraceId traceId;
        using (var request = TelemetrySiloFixture.AgentSource.StartActivity("agent request"))
        {
            Assert.NotNull(request);
            traceId = request.TraceId;
            await calls(TelemetrySiloFixture.MemoryOf(agent));
        }

        await agent.StopAsync();
        return traceId;
    }

    private async Task<Activity> MemorySpanAsync(ActivityTraceId traceId)
    {
        await Eventually.TrueAsync(
            () => Task.FromResult(SpansOf(traceId).Any(s => s.Source.Name == MemoryTelemetry.Name)),
            SpanTimeout,
            "the memory operation span");
        return SpansOf(traceId).Single(s => s.Source.Name == MemoryTelemetry.Name);
    }

    private List<Activity> SpansOf(ActivityTraceId traceId) => silo.SiloSpans.Snapshot().Where(s => s.TraceId == traceId).ToList();

    // Follows parent ids up the recorded spans of one trace.
    private static bool IsWithin(Activity span, Activity ancestor, IReadOnlyList<Activity> trace)
    {
        var bySpanId = trace.ToDictionary(s => s.SpanId);
        for (var parent = span.ParentSpanId; bySpanId.TryGetValue(parent, out var next); parent = next.ParentSpanId)
        {
            if (next.SpanId == ancestor.SpanId)
            {
                return true;
            }
        }

        return false;
    }
}
