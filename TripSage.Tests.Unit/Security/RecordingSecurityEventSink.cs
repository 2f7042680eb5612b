using TripSage.Memory.Grains.Security;

namespace TripSage.Memory.Tests.Unit.Security;

/// <summary>Keeps every detection reported, for assertions.</summary>
internal sealed class RecordingSecurityEventSink : ISecurityEventSink
{
    private readonly List<(string UserId, string Rule, string Action, IReadOnlyList<string> MemoryIds)> _events = [];

    public IReadOnlyList<(string UserId, string Rule, string Action, IReadOnlyList<string> MemoryIds)> Events
    {
        get
        {
            lock (_events)
            {
                return _events.ToList();
            }
        }
    }

    public void Suspicious(string userId, string rule, string action, IReadOnlyList<string> memoryIds)
    {
        lock (_events)
        {
            _events.Add((userId, rule, action, memoryIds.ToList()));
        }
    }
}
