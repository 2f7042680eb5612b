using Microsoft.Extensions.Options;

namespace TripSage.Memory.Grains.Search;

/// <summary>Rejects ranking settings that cannot work, naming the option and what it allows.</summary>
internal sealed class SearchOptionsValidator : IValidateOptions<SearchOptions>
{
    public ValidateOptionsResult Validate(string? name, SearchOptions options)
    {
        var failures = new List<string>();
        void Check(bool valid, string option, object value, string allowed)
        {
            if (!valid)
            {
                failures.Add($"{SearchOptions.SectionName}:{option} is {value}; it must be {allowed}.");
            }
        }

        Check(Enum.IsDefined(options.Fusion), nameof(options.Fusion), options.Fusion, string.Join(" or ", Enum.GetNames<FusionMethod>()));
        Check(double.IsFinite(options.KeywordWeight) && options.KeywordWeight >= 0, nameof(options.KeywordWeight), options.KeywordWeight, "a number of at least 0");
        Check(double.IsFinite(options.VectorWeight) && options.VectorWeight >= 0, nameof(options.VectorWeight), options.VectorWeight, "a number of at least 0");
        Check(options.KeywordWeight + options.VectorWeight > 0, $"{nameof(options.KeywordWeight)} + {nameof(options.VectorWeight)}", options.KeywordWeight + options.VectorWeight, "above 0");
        Check(options.ReciprocalRankK >= 1, nameof(options.ReciprocalRankK), options.ReciprocalRankK, "at least 1");
        Check(options.CandidatesPerSignal >= 1, nameof(options.CandidatesPerSignal), options.CandidatesPerSignal, "at least 1");
        Check(options.MinVectorSimilarity is >= -1 and <= 1, nameof(options.MinVectorSimilarity), options.MinVectorSimilarity, "from -1 to 1");
        Check(double.IsFinite(options.SessionNeighbourWeight) && options.SessionNeighbourWeight >= 0, nameof(options.SessionNeighbourWeight), options.SessionNeighbourWeight, "a number of at least 0");
        Check(double.IsFinite(options.RecencyWeight) && options.RecencyWeight >= 0, nameof(options.RecencyWeight), options.RecencyWeight, "a number of at least 0");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
