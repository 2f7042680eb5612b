namespace TripSage.Memory.Tests.Infrastructure;

/// <summary>Store calls held back by a fault-injecting store (<see cref="FaultInjectingAuditLog"/>, <see cref="FaultInjectingGrainStorage"/>): says when one arrived, and lets them all go.</summary>
internal sealed class HeldCalls(Action onRelease)
{
    private readonly TaskCompletionSource _arrived = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes when the first held call arrives.</summary>
    public Task Arrived => _arrived.Task;

    /// <summary>Lets every held call, and every later one, through.</summary>
    public void Release()
    {
        onRelease();
        _released.TrySetResult();
    }

    internal Task WaitAsync()
    {
        _arrived.TrySetResult();
        return _released.Task;
    }
}
