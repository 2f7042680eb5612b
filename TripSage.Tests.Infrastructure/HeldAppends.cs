namespace TripSage.Memory.Tests.Infrastructure;

/// <summary>Appends held back by <see cref="FaultInjectingAuditLog.HoldAppendsFor"/>: says when one arrived, and lets them all go.</summary>
internal sealed class HeldAppends(Action onRelease)
{
    private readonly TaskCompletionSource _arrived = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes when the first held append arrives.</summary>
    public Task Arrived => _arrived.Task;

    /// <summary>Lets every held append, and every later one, through.</summary>
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
