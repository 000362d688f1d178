using System.Text.Json.Nodes;

namespace M3CoreCrm.IntegrationTests.OpenApi;

/// <summary>The breaking-change check finds each kind of break planted in the published document, and lets it pass once recorded.</summary>
public sealed class BreakingChangeCheckTests
{
    private static readonly JsonNode Published = JsonNode.Parse(File.ReadAllText(RepositoryFiles.PublishedDocument))!;

    [Fact]
    public void The_published_document_has_no_break_against_itself()
    {
        Assert.Empty(OpenApiBreakingChanges.Find(Published, Published.DeepClone()));
    }

    [Fact]
    public void A_removed_operation_is_a_break()
    {
        var changed = Published.DeepClone();
        changed["paths"]!["/api/v1/deals/{id}/win"]!.AsObject().Remove("post");

        Assert.Contains("removed operation POST /api/v1/deals/{id}/win", OpenApiBreakingChanges.Find(Published, changed));
    }

    [Fact]
    public void A_removed_property_is_a_break()
    {
        var changed = Published.DeepClone();
        changed["components"]!["schemas"]!["DealResponse"]!["properties"]!.AsObject().Remove("amount");

        Assert.Contains("removed property DealResponse.amount", OpenApiBreakingChanges.Find(Published, changed));
    }

    [Fact]
    public void A_request_property_that_becomes_required_is_a_break_and_a_response_one_is_not()
    {
        var changed = Published.DeepClone();
        var request = changed["components"]!["schemas"]!["CreateDealRequest"]!.AsObject();
        var optional = request["properties"]!.AsObject().Select(p => p.Key).First(p => !Required(request).Contains(p));
        Required(request).Add(optional);
        var response = changed["components"]!["schemas"]!["DealResponse"]!.AsObject();
        response["properties"]!["dealScore"] = new JsonObject { ["type"] = "integer" };
        Required(response).Add("dealScore");

        var breaks = OpenApiBreakingChanges.Find(Published, changed);

        Assert.Equal([$"newly required property CreateDealRequest.{optional}"], breaks);
    }

    [Fact]
    public void A_newly_required_parameter_is_a_break()
    {
        var changed = Published.DeepClone();
        var limit = changed["paths"]!["/api/v1/deals"]!["get"]!["parameters"]!.AsArray().First(p => (string?)p!["name"] == "Limit")!;
        limit["required"] = true;

        Assert.Contains("newly required parameter GET /api/v1/deals query:Limit", OpenApiBreakingChanges.Find(Published, changed));
    }

    [Theory]
    [InlineData("integer", null, "narrowed type DealResponse.amount: number -> integer")]
    [InlineData("string", null, "narrowed type DealResponse.amount: number -> string")]
    [InlineData("number", "int32", "narrowed format DealResponse.amount: decimal -> int32")]
    public void A_narrowed_type_is_a_break(string type, string? format, string expected)
    {
        var changed = Published.DeepClone();
        var amount = changed["components"]!["schemas"]!["DealResponse"]!["properties"]!["amount"]!;
        amount["type"] = type;
        if (format is not null)
        {
            amount["format"] = format;
        }

        Assert.Contains(expected, OpenApiBreakingChanges.Find(Published, changed));
    }

    [Fact]
    public void A_removed_enum_value_is_a_break()
    {
        var changed = Published.DeepClone();
        var values = changed["components"]!["schemas"]!["DealStatus"]!["enum"]!.AsArray();
        var removed = values[^1]!.ToJsonString();
        values.RemoveAt(values.Count - 1);

        Assert.Contains($"narrowed enum DealStatus: no longer {removed}", OpenApiBreakingChanges.Find(Published, changed));
    }

    [Fact]
    public void A_widened_type_or_an_added_operation_is_no_break()
    {
        var changed = Published.DeepClone();
        changed["paths"]!["/api/v1/deals/{id}/archive"] = new JsonObject { ["post"] = new JsonObject { ["operationId"] = "ArchiveDeal" } };
        changed["components"]!["schemas"]!["DealResponse"]!["properties"]!["dealScore"] = new JsonObject { ["type"] = "integer" };
        changed["components"]!["schemas"]!["DealStatus"]!["enum"]!.AsArray().Add("archived");
        changed["components"]!["schemas"]!["DealResponse"]!["properties"]!["title"]!.AsObject().Remove("type");

        Assert.Empty(OpenApiBreakingChanges.Find(Published, changed));
    }

    [Fact]
    public void A_break_quoted_in_the_changelog_passes_and_an_unquoted_one_does_not()
    {
        var changed = Published.DeepClone();
        changed["paths"]!["/api/v1/deals/{id}/win"]!.AsObject().Remove("post");
        changed["components"]!["schemas"]!["DealResponse"]!["properties"]!.AsObject().Remove("amount");
        const string changelog = "## 2026-12-07\n\n- Winning moves to the board: `removed operation POST /api/v1/deals/{id}/win`.\n";

        var unrecorded = OpenApiBreakingChanges.Unrecorded(OpenApiBreakingChanges.Find(Published, changed), changelog);

        Assert.Equal(["removed property DealResponse.amount"], unrecorded);
    }

    private static JsonArray Required(JsonObject schema) => (schema["required"] ??= new JsonArray()).AsArray();
}
