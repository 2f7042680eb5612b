namespace TripSage.Memory.Benchmarks.Load;

/// <summary>
/// Deterministic travel-preference texts and queries built from small word lists, so both sides get
/// the same data and every query matches some memories. Every text carries its own serial number,
/// so no two are duplicates (the grid would not store a duplicate).
/// </summary>
internal sealed class SampleMemories(int seed)
{
    private static readonly string[] Subjects = ["window seat", "aisle seat", "vegetarian meal", "late checkout", "quiet room", "lounge access", "rental car", "train travel", "boutique hotel", "early flight"];
    private static readonly string[] Places = ["Lisbon", "Tokyo", "Denver", "Nairobi", "Oslo", "Lima", "Seoul", "Dublin", "Cairo", "Perth"];
    private static readonly string[] Moods = ["always prefers", "dislikes", "asked about", "booked", "would like", "complained about"];
    private static readonly string[] Categories = ["preference", "trip", "profile", "loyalty"];

    private readonly Random _random = new(seed);
    private long _serial;

    public NewMemory Next(string userId)
    {
        lock (_random)
        {
            var serial = ++_serial;
            var text = $"Traveller {userId} {Pick(Moods)} a {Pick(Subjects)} in {Pick(Places)} (note {serial}).";
            return new NewMemory(text, Category: Pick(Categories), Source: "load-benchmark");
        }
    }

    public IReadOnlyList<NewMemory> Many(string userId, int count) =>
        Enumerable.Range(0, count).Select(_ => Next(userId)).ToList();

    public static string Query(Random random) =>
        $"{Subjects[random.Next(Subjects.Length)]} {Places[random.Next(Places.Length)]}";

    private string Pick(string[] words) => words[_random.Next(words.Length)];
}
