using TripSage.Memory.Grains;

namespace TripSage.Memory.Tests.Unit.Domain;

/// <summary>
/// Group commit on one scheduler thread, as on a grain: writers share writes, nobody is answered
/// before the write carrying their change, a failure fails exactly its writers, readers never see
/// an applied change that is not durable and are not starved by writers.
/// </summary>
public sealed class GroupCommitTests
{
    // The grain's scheduler: one task at a time, in order.
    private readonly TaskScheduler _grain = new ConcurrentExclusiveSchedulerPair().ExclusiveScheduler;

    [Fact]
    public async Task WritersArrivingDuringAWrite_ShareTheNextWrite_AndNoneIsAnsweredBeforeItsWriteSucceeded()
    {
        var store = new HeldStore();
        var model = new List<int>();
        var commit = new GroupCommit<int>(store.WriteAsync, () => Task.CompletedTask);

        var first = await OnGrain(() => Task.FromResult(commit.ApplyAsync(0, () => Apply(model, 0))));
        await store.WriteStarted(1);
        var rest = await OnGrain(() => Task.FromResult(Enumerable.Range(1, 63).Select(i => commit.ApplyAsync(i, () => Apply(model, i))).ToList()));

        Assert.False(first.IsCompleted);
        store.Release(1);
        await first;
        await store.WriteStarted(2);
        Assert.All(rest, r => Assert.False(r.IsCompleted));
        Assert.Equal(Enumerable.Range(1, 63), store.Batches[1]);

        store.Release(2);
        await Task.WhenAll(rest);
        Assert.Equal(2, commit.Writes);
        Assert.Equal(Enumerable.Range(0, 64), model);
    }

    [Fact]
    public async Task AFailedWrite_FailsExactlyItsWriters_AndTheNextBatchSucceeds()
    {
        var store = new HeldStore();
        var model = new List<int>();
        var commit = new GroupCommit<int>(store.WriteAsync, () => Task.CompletedTask);

        var first = await OnGrain(() => Task.FromResult(commit.ApplyAsync(0, () => Apply(model, 0))));
        await store.WriteStarted(1);
        var second = await OnGrain(() => Task.FromResult(new[] { commit.ApplyAsync(1, () => Apply(model, 1)), commit.ApplyAsync(2, () => Apply(model, 2)) }));
        var third = await OnGrain(() => Task.FromResult(commit.ApplyAsync(3, () => Apply(model, 3))));

        store.Release(1);
        await first;
        await store.WriteStarted(2);
        store.Fail(2, new IOException("store refused"));
        await Assert.ThrowsAsync<IOException>(() => second[0]);
        await Assert.ThrowsAsync<IOException>(() => second[1]);
        await Assert.ThrowsAsync<IOException>(() => third);
        Assert.Equal([1, 2, 3], store.Batches[1]);

        var fourth = await OnGrain(() => Task.FromResult(commit.ApplyAsync(4, () => Apply(model, 4))));
        await store.WriteStarted(3);
        store.Release(3);
        await fourth;
        Assert.Equal([4], store.Batches[2]);
    }

    [Fact]
    public async Task AnApplyThatThrows_FailsOnlyItsCaller_AndJoinsNoWrite()
    {
        var store = new HeldStore();
        var commit = new GroupCommit<int>(store.WriteAsync, () => Task.CompletedTask);

        var refused = await OnGrain(() => Task.FromResult(commit.ApplyAsync<int>(7, () => throw new InvalidDataException("capacity"))));

        await Assert.ThrowsAsync<InvalidDataException>(() => refused);
        Assert.Equal(0, commit.Writes);
    }

    [Fact]
    public async Task AReader_WaitsForAppliedChangesToBeDurable_AndGoesBeforeWritersThatArriveAfterIt()
    {
        var store = new HeldStore();
        var model = new List<int>();
        var commit = new GroupCommit<int>(store.WriteAsync, () => Task.CompletedTask);

        var first = await OnGrain(() => Task.FromResult(commit.ApplyAsync(0, () => Apply(model, 0))));
        await store.WriteStarted(1);
        var read = await OnGrain(() => Task.FromResult(commit.ReadAsync(() => model.ToList())));
        var later = await OnGrain(() => Task.FromResult(commit.ApplyAsync(1, () => Apply(model, 1))));

        Assert.False(read.IsCompleted);
        store.Release(1);
        Assert.Equal([0], await read);
        await store.WriteStarted(2);
        store.Release(2);
        await later;
        await first;
    }

    [Fact]
    public async Task ANoOpWrite_WithNothingPending_NeedsNoWrite_ButWaitsForChangesAppliedBeforeIt()
    {
        var store = new HeldStore();
        var model = new List<int>();
        var commit = new GroupCommit<int>(store.WriteAsync, () => Task.CompletedTask);

        Assert.Equal(0, await OnGrain(() => commit.ApplyAsync(9, () => (0, false))));
        Assert.Equal(0, commit.Writes);

        var holder = await OnGrain(() => Task.FromResult(commit.ApplyAsync(0, () => Apply(model, 0))));
        var duplicate = await OnGrain(() => Task.FromResult(commit.ApplyAsync(1, () => (1, false))));
        await store.WriteStarted(1);
        Assert.False(duplicate.IsCompleted);
        store.Release(1);
        Assert.Equal(1, await duplicate);
        await holder;
        Assert.Equal(1, commit.Writes);
        Assert.Equal([0], store.Batches[0]);
    }

    [Fact]
    public async Task AnExclusiveSection_RunsAfterPendingChangesAreDurable_AndNothingAppliesWhileItRuns()
    {
        var store = new HeldStore();
        var model = new List<int>();
        var commit = new GroupCommit<int>(store.WriteAsync, () => Task.CompletedTask);
        var inside = new TaskCompletionSource();
        var leave = new TaskCompletionSource();

        var first = await OnGrain(() => Task.FromResult(commit.ApplyAsync(0, () => Apply(model, 0))));
        var exclusive = await OnGrain(() => Task.FromResult(commit.ExclusiveAsync(async () =>
        {
            var seen = model.ToList();
            inside.SetResult();
            await leave.Task;
            return seen;
        })));
        await store.WriteStarted(1);
        store.Release(1);
        await inside.Task;
        var writer = await OnGrain(() => Task.FromResult(commit.ApplyAsync(1, () => Apply(model, 1))));
        await Task.Delay(50);

        Assert.Equal([0], model);
        leave.SetResult();
        Assert.Equal([0], await exclusive);
        await store.WriteStarted(2);
        store.Release(2);
        await writer;
        await first;
        Assert.Equal([0, 1], model);
    }

    private static (int, bool) Apply(List<int> model, int change)
    {
        model.Add(change);
        return (change, true);
    }

    private Task<T> OnGrain<T>(Func<Task<T>> work) => Task.Factory.StartNew(work, CancellationToken.None, TaskCreationOptions.None, _grain).Unwrap();

    /// <summary>A store whose writes wait until the test releases or fails them, one by one.</summary>
    private sealed class HeldStore
    {
        private readonly List<TaskCompletionSource> _writes = [];
        private readonly List<TaskCompletionSource> _started = [];

        public List<IReadOnlyList<int>> Batches { get; } = [];

        public Task WriteAsync(IReadOnlyList<int> batch)
        {
            lock (_writes)
            {
                Batches.Add(batch);
                _writes.Add(new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
                Started(_writes.Count).TrySetResult();
                return _writes[^1].Task;
            }
        }

        public Task WriteStarted(int number)
        {
            lock (_writes)
            {
                return Started(number).Task.WaitAsync(TimeSpan.FromSeconds(10));
            }
        }

        public void Release(int number) => _writes[number - 1].SetResult();

        public void Fail(int number, Exception failure) => _writes[number - 1].SetException(failure);

        private TaskCompletionSource Started(int number)
        {
            while (_started.Count < number)
            {
                _started.Add(new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
            }

            return _started[number - 1];
        }
    }
}
