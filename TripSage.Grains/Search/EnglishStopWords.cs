namespace TripSage.Memory.Grains.Search;

/// <summary>
/// English function words that carry no topic: matching them only adds noise to BM25. The list is
/// the classic SMART/Lucene core plus contractions and chat fillers ("hey", "yeah") that dominate
/// conversational memories without saying what they are about.
/// </summary>
internal static class EnglishStopWords
{
    private static readonly HashSet<string> Words = new(StringComparer.Ordinal)
    {
        "a", "about", "above", "after", "again", "against", "all", "also", "am", "an", "and", "any", "are", "as", "at",
        "be", "because", "been", "before", "being", "below", "between", "both", "but", "by",
        "can", "could", "did", "do", "does", "doing", "down", "during", "each", "else", "ever", "few", "for", "from", "further",
        "had", "has", "have", "having", "he", "her", "here", "hers", "herself", "him", "himself", "his", "how",
        "i", "if", "in", "into", "is", "it", "its", "itself", "just", "me", "more", "most", "my", "myself",
        "no", "nor", "not", "now", "of", "off", "on", "once", "only", "or", "other", "ought", "our", "ours", "ourselves", "out", "over", "own",
        "same", "she", "should", "so", "some", "such", "than", "that", "the", "their", "theirs", "them", "themselves", "then", "there",
        "these", "they", "this", "those", "through", "to", "too", "under", "until", "up", "very",
        "was", "we", "were", "what", "when", "where", "which", "while", "who", "whom", "why", "will", "with", "would",
        "you", "your", "yours", "yourself", "yourselves",
        "i'm", "i've", "i'd", "i'll", "you're", "you've", "you'd", "you'll", "he's", "she's", "it's", "we're", "we've", "we'd", "we'll",
        "they're", "they've", "they'd", "they'll", "that's", "there's", "what's", "who's", "let's",
        "isn't", "aren't", "wasn't", "weren't", "don't", "doesn't", "didn't", "haven't", "hasn't", "hadn't", "won't", "wouldn't",
        "can't", "cannot", "couldn't", "shouldn't",
        "hey", "hi", "oh", "yeah", "wow", "ok", "okay",
    };

    public static bool Contains(string token) => Words.Contains(token);
}
