using System.Collections.Concurrent;

namespace TripSage.Memory.Grains.Search;

/// <summary>
/// One string instance per indexed word for the whole silo, so every active user's keyword index
/// refers to the same "window" rather than holding its own copy. Only letter-only terms are pooled:
/// they are the vocabulary users share, while numbers and codes are mostly unique to one memory and
/// would only grow the pool. The pool is bounded; past the bound a term is simply not shared.
/// </summary>
internal static class TermPool
{
    // Far above a language's working vocabulary (stems of English fit in a few tens of thousands),
    // and at most a few megabytes of strings held for the silo's life.
    private const int MaxTerms = 1 << 17;

    private static readonly ConcurrentDictionary<string, string> Terms = new(StringComparer.Ordinal);
    private static int _count;

    /// <summary>The pooled instance equal to <paramref name="term"/>, or the term itself when it is not pooled.</summary>
    public static string Canonical(string term)
    {
        if (Terms.TryGetValue(term, out var canonical))
        {
            return canonical;
        }

        if (Volatile.Read(ref _count) >= MaxTerms || !IsWord(term))
        {
            return term;
        }

        canonical = Terms.GetOrAdd(term, term);
        if (ReferenceEquals(canonical, term))
        {
            Interlocked.Increment(ref _count);
        }

        return canonical;
    }

    private static bool IsWord(string term)
    {
        foreach (var c in term)
        {
            if (!char.IsLetter(c))
            {
                return false;
            }
        }

        return true;
    }
}
