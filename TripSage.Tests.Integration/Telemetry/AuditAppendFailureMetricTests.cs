using System.Diagnostics.Metrics;
using TripSage.Memory.Grains.Telemetry;
using TripSage.Memory.Tests.Infrastructure;

namespace TripSage.Memory.Tests.Integration.Telemetry;

/// <summary>A failed append of audit events to the durable log is counted, so an operator can alert on it.</summary>
[Collection(GarnetClusterCollection.Name)]
public sealed class AuditAppendFailureMetricTests(GarnetClusterFixture fixture)
{
    private readonly MemoryCluster _memory = fixture.Memory;

    [Fact]
    public async Task Remember_WhileTheAuditLogRefusesAppends_CountsAnAuditAppendFailure()
    {
        var userId = TestUsers.New();
        long failures = 0;
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, meterListener) =>
            {
                if (instrument.Meter.Name == MemoryTelemetry.Name && instrument.Name == MemoryTelemetry.AuditAppendFailures)
                {
                    meterListener.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((_, value, _, _) => Interlocked.Add(ref failures, value));
        listener.Start();
        FaultInjectingAuditLog.FailAppendsFor(userId);
        try
        {
            // The write is acknowledged (its events are in the snapshot's outbox); only the append after it fails.
            await _memory.User(userId).RememberAsync([new NewMemory("Kept in the outbox while the log refuses")]);
            await Eventually.TrueAsync(() => Task.FromResult(Interlocked.Read(ref failures) > 0), TimeSpan.FromSeconds(30), "the audit append failure to be counted");
        }
        finally
        {
            FaultInjectingAuditLog.Heal(userId);
        }
    }
}
