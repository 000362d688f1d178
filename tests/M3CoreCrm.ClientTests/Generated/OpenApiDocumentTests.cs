using System.Text.Json.Nodes;
using M3CoreCrm.IntegrationTests.Infrastructure;

namespace M3CoreCrm.ClientTests.Generated;

/// <summary>The document the client was generated from (at build time, by the API's openapi command) is the one the API serves.</summary>
[Collection("api")]
public sealed class OpenApiDocumentTests(ApiFixture fixture)
{
    [Fact]
    public async Task The_build_time_document_equals_the_served_one()
    {
        var built = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "openapi", "m3corecrm-v1.json")));
        using var client = fixture.CreateClient();
        var served = JsonNode.Parse(await client.GetStringAsync(new Uri("/swagger/v1/swagger.json", UriKind.Relative)));

        Assert.True(JsonNode.DeepEquals(built, served), "The generated client is stale: the build-time OpenAPI document differs from /swagger/v1/swagger.json.");
    }

    [Fact]
    public async Task The_document_describes_what_clients_need_to_call_the_API()
    {
        using var client = fixture.CreateClient();
        var document = JsonNode.Parse(await client.GetStringAsync(new Uri("/swagger/v1/swagger.json", UriKind.Relative)))!;

        var platformKey = document["components"]!["securitySchemes"]!["PlatformKey"]!;
        Assert.Equal("X-Platform-Key", (string?)platformKey["name"]);
        Assert.NotNull(document["paths"]!["/api/v1/platform/tenants"]!["post"]!["security"]![0]!["PlatformKey"]);
        Assert.Contains(document["paths"]!["/api/v1/leads"]!["post"]!["parameters"]!.AsArray(), p => (string?)p!["name"] == "Idempotency-Key");
        Assert.Contains("code", document["components"]!["schemas"]!["ProblemDetails"]!["required"]!.AsArray().Select(r => (string?)r));
        Assert.Equal("decimal", (string?)document["components"]!["schemas"]!["ReserveUnitRequest"]!["properties"]!["depositAmount"]!["format"]);
        var badLead = document["paths"]!["/api/v1/leads"]!["post"]!["responses"]!["400"]!["content"]!["application/problem+json"]!["schema"]!;
        Assert.Equal("#/components/schemas/HttpValidationProblemDetails", (string?)badLead["$ref"]);
    }
}
