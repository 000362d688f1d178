using System.Text.Json;
using M3CoreCrm.BuildingBlocks.Http;

namespace M3CoreCrm.UnitTests.BuildingBlocks.Http;

public sealed class CrmJsonTests
{
    internal enum DealStage
    {
        New,
        InNegotiation,
    }

    internal sealed record DealBody(string DealName, DealStage Stage);

    [Fact]
    public void Enums_are_written_as_camel_case_strings_and_members_in_camel_case()
    {
        var json = JsonSerializer.Serialize(new DealBody("Villa", DealStage.InNegotiation), CrmJson.Options);

        Assert.Equal("""{"dealName":"Villa","stage":"inNegotiation"}""", json);
    }

    [Fact]
    public void Enum_strings_are_read_back()
    {
        var body = JsonSerializer.Deserialize<DealBody>("""{"dealName":"Villa","stage":"inNegotiation"}""", CrmJson.Options);

        Assert.Equal(DealStage.InNegotiation, body!.Stage);
    }

    [Theory]
    [InlineData("""{"dealName":"Villa","stage":1}""")]
    [InlineData("""{"dealName":"Villa","stage":"1"}""")]
    [InlineData("""{"dealName":"Villa","stage":"closed"}""")]
    public void Integer_and_unknown_enum_values_are_refused(string json)
    {
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<DealBody>(json, CrmJson.Options));
    }

    [Fact]
    public void Unknown_members_are_refused()
    {
        Assert.Throws<JsonException>(() =>
            JsonSerializer.Deserialize<DealBody>("""{"dealName":"Villa","stage":"new","isAdmin":true}""", CrmJson.Options));
    }

    [Fact]
    public void Configure_gives_other_options_the_same_rules()
    {
        // ASP.NET Core's own options (minimal APIs, MVC) are configured through this method.
        var options = CrmJson.Configure(new JsonSerializerOptions(JsonSerializerDefaults.Web));

        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<DealBody>("""{"dealName":"Villa","stage":0}""", options));
        Assert.Contains("\"new\"", JsonSerializer.Serialize(new DealBody("Villa", DealStage.New), options), StringComparison.Ordinal);
    }
}
