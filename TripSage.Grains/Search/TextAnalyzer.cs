namespace TripSage.Memory.Grains.Search;

/// <summary>
/// Turns text into the terms BM25 indexes and queries with: Unicode-aware, case-folded tokens
/// (<see cref="TextTokenizer"/>), English stop words dropped, possessives and apostrophes removed,
/// English words stemmed (<see cref="PorterStemmer"/>). Memories and queries go through the same
/// analysis, so a query for "Caroline's flights" matches a memory saying "Caroline's flight" by stem.
/// </summary>
internal static class TextAnalyzer
{
    public static List<string> Terms(string text)
    {
        var tokens = TextTokenizer.Tokenize(text);
        var terms = new List<string>(tokens.Count);
        foreach (var token in tokens)
        {
            if (EnglishStopWords.Contains(token))
            {
                continue;
            }

            var word = token.EndsWith("'s", StringComparison.Ordinal) ? token[..^2] : token;
            word = word.Replace("'", string.Empty, StringComparison.Ordinal);
            if (word.Length > 0 && !EnglishStopWords.Contains(word))
            {
                terms.Add(PorterStemmer.Stem(word));
            }
        }

        return terms;
    }
}
