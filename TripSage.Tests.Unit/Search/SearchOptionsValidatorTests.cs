using TripSage.Memory.Grains.Search;

namespace TripSage.Memory.Tests.Unit.Search;

public sealed class SearchOptionsValidatorTests
{
    [Fact]
    public void Validate_Defaults_Succeed() =>
        Assert.True(new SearchOptionsValidator().Validate(null, new SearchOptions()).Succeeded);

    [Fact]
    public void Validate_BadValues_NameEachOption()
    {
        var result = new SearchOptionsValidator().Validate(null, new SearchOptions { MinVectorSimilarity = 2, CandidatesPerSignal = 0, KeywordWeight = -1 });

        Assert.False(result.Succeeded);
        Assert.Contains("TripSage:Search:MinVectorSimilarity", result.FailureMessage);
        Assert.Contains("TripSage:Search:CandidatesPerSignal", result.FailureMessage);
        Assert.Contains("TripSage:Search:KeywordWeight", result.FailureMessage);
    }
}
