namespace TripSage.Memory.Tests.Integration.Persistence;

/// <summary>The journal tests on the embedded Garnet store, the default of every developer's silo.</summary>
public sealed class GarnetJournalTests(GarnetJournalFixture fixture) : JournalTestsBase(fixture), IClassFixture<GarnetJournalFixture>;
