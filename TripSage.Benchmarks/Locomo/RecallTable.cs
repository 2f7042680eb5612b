using System.Globalization;

namespace TripSage.Memory.Benchmarks.Locomo;

/// <summary>
/// recall@k as the data README defines it: the share of a question's evidence turns found in the top k
/// results, averaged over questions; kept per variant, per category and per conversation.
/// </summary>
internal sealed class RecallTable
{
    public static readonly int[] Depths = [1, 5, 10];

    private static readonly string[] CategoryNames = ["", "multi-hop", "temporal", "open-domain", "single-hop"];

    private readonly Dictionary<(string Variant, int Category, string Conversation), Sum> _sums = [];
    private readonly List<string> _variants = [];

    public IReadOnlyList<string> Variants => _variants;

    public void Add(string variant, int category, string conversation, IReadOnlyList<string> evidence, IReadOnlyList<IReadOnlyCollection<string>> rankedDialogueIds)
    {
        if (!_variants.Contains(variant))
        {
            _variants.Add(variant);
        }

        var key = (variant, category, conversation);
        if (!_sums.TryGetValue(key, out var sum))
        {
            sum = new Sum();
            _sums[key] = sum;
        }

        sum.Questions++;
        for (var d = 0; d < Depths.Length; d++)
        {
            var found = rankedDialogueIds.Take(Depths[d]).SelectMany(ids => ids).ToHashSet(StringComparer.Ordinal);
            sum.Recall[d] += (double)evidence.Count(found.Contains) / evidence.Count;
        }
    }

    /// <summary>recall@1, @5, @10 of a variant over the questions that pass the filters.</summary>
    public double[] Recall(string variant, int? category = null, Func<string, bool>? conversation = null)
    {
        var matching = _sums.Where(s => s.Key.Variant == variant && (category is null || s.Key.Category == category) && (conversation is null || conversation(s.Key.Conversation))).ToList();
        var questions = matching.Sum(s => s.Value.Questions);
        return [.. Enumerable.Range(0, Depths.Length).Select(d => questions == 0 ? 0 : matching.Sum(s => s.Value.Recall[d]) / questions)];
    }

    public int Questions(string variant, int? category = null) =>
        _sums.Where(s => s.Key.Variant == variant && (category is null || s.Key.Category == category)).Sum(s => s.Value.Questions);

    public IEnumerable<string> Conversations => _sums.Keys.Select(k => k.Conversation).Distinct().Order(StringComparer.Ordinal);

    public void Write(TextWriter output, IEnumerable<string> variants)
    {
        output.WriteLine($"| {"variant",-22} | {"category",-12} | {"questions",9} | recall@1 | recall@5 | recall@10 |");
        output.WriteLine($"|{new string('-', 24)}|{new string('-', 14)}|{new string('-', 11)}|----------|----------|-----------|");
        foreach (var variant in variants)
        {
            for (var category = 1; category < CategoryNames.Length; category++)
            {
                WriteRow(output, variant, $"{category} {CategoryNames[category]}", Questions(variant, category), Recall(variant, category));
            }

            WriteRow(output, variant, "overall", Questions(variant), Recall(variant));
        }
    }

    public static void WriteRow(TextWriter output, string variant, string label, int questions, double[] recall) =>
        output.WriteLine($"| {variant,-22} | {label,-12} | {questions,9} | {F(recall[0]),8} | {F(recall[1]),8} | {F(recall[2]),9} |");

    public static string F(double value) => value.ToString("0.000", CultureInfo.InvariantCulture);

    private sealed class Sum
    {
        public int Questions { get; set; }

        public double[] Recall { get; } = new double[Depths.Length];
    }
}
