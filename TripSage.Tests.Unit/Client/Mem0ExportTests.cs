using System.Text.Json;
using TripSage.Memory.Client.Mem0;

namespace TripSage.Memory.Tests.Unit.Client;

/// <summary>Reading a Mem0 export and mapping its items to grid records, without a grid.</summary>
public sealed class Mem0ExportTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 26, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Read_ResultsObjectAndBareArray_ReadTheSameItems()
    {
        const string item = """{"id":"a1","memory":"Prefers aisle seats","user_id":"alice"}""";

        var wrapped = Mem0Export.Read(Json($$"""{"results":[{{item}}],"relations":[]}"""));
        var bare = Mem0Export.Read(Json($"[{item}]"));

        Assert.Equal(1, wrapped.Count);
        Assert.Equal(1, bare.Count);
        Assert.Equal("Prefers aisle seats", Assert.Single(wrapped.Items).Text);
        Assert.Equal(Assert.Single(wrapped.Items), Assert.Single(bare.Items) with { Categories = wrapped.Items[0].Categories, Metadata = wrapped.Items[0].Metadata });
    }

    [Theory]
    [InlineData("""{"memories":[]}""")]
    [InlineData("\"text\"")]
    [InlineData("{\"results\":{}}")]
    public void Read_NeitherShape_NamesTheDocument(string json)
    {
        var invalid = Assert.Throws<MemoryValidationException>(() => Mem0Export.Read(Json(json)));

        Assert.Equal("document", invalid.Field);
        Assert.Contains("results", invalid.Allowed);
    }

    [Theory]
    [InlineData("""{"memory":"x","user_id":"alice"}""", "items[0].id: missing")]
    [InlineData("""{"id":"a","user_id":"alice"}""", "items[0].memory: missing")]
    [InlineData("""{"id":"a","memory":"","user_id":"alice"}""", "items[0].memory: empty")]
    [InlineData("""{"id":"a","memory":3,"user_id":"alice"}""", "items[0].memory: a JSON number")]
    [InlineData("""{"id":"a","memory":"x","user_id":"-alice"}""", "items[0].user_id: not a valid user id")]
    [InlineData("""{"id":"a","memory":"x","user_id":"alice","created_at":"yesterday"}""", "items[0].created_at: not a time")]
    [InlineData("""{"id":"a","memory":"x","user_id":"alice","categories":"travel"}""", "items[0].categories: not an array of strings")]
    [InlineData("""{"id":"a","memory":"x","user_id":"alice","metadata":[1]}""", "items[0].metadata: a JSON array")]
    [InlineData("7", "items[0]: a JSON number")]
    public void Read_BadItem_IsRejectedNamingTheField_AndTheRestIsRead(string bad, string reason)
    {
        var export = Mem0Export.Read(Json($$"""[{{bad}},{"id":"b","memory":"Window seat","user_id":"bob"}]"""));

        Assert.Equal(2, export.Count);
        Assert.Equal("bob", Assert.Single(export.Items).UserId);
        var problem = Assert.Single(export.Problems);
        Assert.Equal((0, Mem0ImportProblem.Rejected), (problem.Item, problem.Outcome));
        Assert.StartsWith(reason, problem.Reason);
    }

    [Fact]
    public void ToRecord_KeepsTimesCategoriesSourceIdAndScalarMetadata()
    {
        var export = Mem0Export.Read(Json("""
            [{"id":"9f1c2e4a-0000-4000-8000-000000000001","memory":"Vegetarian, no mushrooms","user_id":"alice",
              "categories":["Food","travel"],"metadata":{"city":"Lisbon","stars":4,"confirmed":true,"trip":{"id":1},"bad key":"x"},
              "created_at":"2024-07-20T01:23:45.123456-07:00","updated_at":"2024-07-21T08:00:00-07:00"}]
            """));

        var (record, dropped) = Mem0Mapping.ToRecord(Assert.Single(export.Items), Now);

        Assert.Equal(Mem0Mapping.MemoryIdOf("9f1c2e4a-0000-4000-8000-000000000001"), record.Id);
        Assert.Equal("Vegetarian, no mushrooms", record.Text);
        Assert.Equal("food", record.Category);
        Assert.Equal(Mem0Mapping.Source, record.Source);
        Assert.Equal(DateTimeOffset.Parse("2024-07-20T08:23:45.123456Z"), record.CreatedAt);
        Assert.Equal(DateTimeOffset.Parse("2024-07-21T15:00:00Z"), record.UpdatedAt);
        Assert.Equal("9f1c2e4a-0000-4000-8000-000000000001", record.Tags[Mem0Mapping.SourceIdTag]);
        Assert.Equal("Food,travel", record.Tags[Mem0Mapping.CategoriesTag]);
        Assert.Equal(("Lisbon", "4", "true"), (record.Tags["city"], record.Tags["stars"], record.Tags["confirmed"]));
        Assert.Equal(5, record.Tags.Count);
        Assert.Collection(
            dropped,
            trip => Assert.StartsWith("items[0].metadata.trip: a JSON object", trip),
            key => Assert.StartsWith("items[0].metadata.bad key: the name is not a tag key", key));
    }

    [Fact]
    public void ToRecord_WithoutTimes_UsesNow_AndTheIdIsStableAcrossRuns()
    {
        var item = Assert.Single(Mem0Export.Read(Json("""[{"id":"m-1","memory":"x","user_id":"alice"}]""")).Items);

        var first = Mem0Mapping.ToRecord(item, Now).Record;
        var second = Mem0Mapping.ToRecord(item, Now.AddDays(1)).Record;

        Assert.Equal((Now, Now), (first.CreatedAt, first.UpdatedAt));
        Assert.Equal(first.Id, second.Id);
        Assert.NotEqual(first.Id, Mem0Mapping.MemoryIdOf("m-2"));
        Assert.Null(first.Category);
    }

    private static JsonElement Json(string text) => JsonDocument.Parse(text).RootElement.Clone();
}
