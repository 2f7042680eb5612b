using TripSage.Memory.Grains.Search;

namespace TripSage.Memory.Tests.Unit.Search;

public sealed class TextAnalyzerTests
{
    [Theory]
    [InlineData("Travelling", "travel")]
    [InlineData("flights", "flight")]
    [InlineData("hiking", "hike")]
    [InlineData("hikes", "hike")]
    [InlineData("relational", "relat")]
    [InlineData("generalization", "gener")]
    [InlineData("caresses", "caress")]
    [InlineData("ponies", "poni")]
    public void Terms_EnglishWords_AreStemmedToACommonForm(string word, string stem) =>
        Assert.Equal([stem], TextAnalyzer.Terms(word));

    [Fact]
    public void Terms_StopWordsAndPossessives_AreDropped() =>
        Assert.Equal(["carolin", "flight", "know"], TextAnalyzer.Terms("What was Caroline's flight? I don't know"));

    [Fact]
    public void Terms_FullWidthAndAccentedText_IsCaseFoldedAndNormalized() =>
        Assert.Equal(["zürich", "abc"], TextAnalyzer.Terms("ZÜRICH ＡＢＣ"));

    [Fact]
    public void Terms_TextWithoutSpacesBetweenWords_IsSplitPerCharacter() =>
        Assert.Equal(["東", "京"], TextAnalyzer.Terms("東京"));

    [Fact]
    public void Terms_DigitsAndCodes_AreKeptWhole() =>
        Assert.Equal(["xj9042", "4711"], TextAnalyzer.Terms("XJ9042, 4711"));
}
