namespace TripSage.Memory.Grains.Security.Behaviour;

/// <summary>
/// Counts one kind of event in a sliding window and says when the count reaches the threshold.
/// After a crossing it stays quiet for one window and starts counting afresh, so a behaviour that
/// goes on yields one finding per window, and at most <see cref="BehaviourThreshold.Count"/> events
/// are ever held, however fast they come.
/// </summary>
internal sealed class BehaviourWindow(BehaviourThreshold threshold)
{
    private readonly Queue<(DateTimeOffset At, int Count)> _events = new();
    private int _total;
    private DateTimeOffset? _quietUntil;

    /// <summary>Counts <paramref name="count"/> events at <paramref name="now"/>; true when this crosses the threshold.</summary>
    public bool Add(DateTimeOffset now, int count)
    {
        if (count <= 0 || now < _quietUntil)
        {
            return false;
        }

        _events.Enqueue((now, count));
        _total += count;
        while (_events.Peek().At <= now - threshold.Window)
        {
            _total -= _events.Dequeue().Count;
        }

        if (_total < threshold.Count)
        {
            return false;
        }

        _events.Clear();
        _total = 0;
        _quietUntil = now + threshold.Window;
        return true;
    }
}
