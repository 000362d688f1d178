using System.Text.Json.Nodes;
using M3CoreCrm.Api.Hosting.OpenApi;
using M3CoreCrm.BuildingBlocks.Authorization;
using M3CoreCrm.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace M3CoreCrm.IntegrationTests.OpenApi;

/// <summary>Each operation's description says what the endpoint's metadata says: permission and scope, idempotency, concurrency, problem codes.</summary>
[Collection("api")]
public sealed class OperationDescriptionTests(ApiFixture fixture)
{
    [Theory]
    [InlineData("/api/v1/deals", "post", "CreateDeal", "**Permission:** `deals.create`", "scoped")]
    [InlineData("/api/v1/users/{id}/roles", "put", "AssignUserRoles", "**Permission:** `users.manage`", "not scoped (administration)")]
    [InlineData("/api/v1/leads", "get", "ListLeads", "**Permission:** `leads.read`", "scoped")]
    public async Task The_permission_text_matches_the_endpoint_metadata(string path, string method, string operationId, string permission, string scope)
    {
        var operation = (await DocumentAsync())["paths"]![path]![method]!;
        var endpoint = fixture.Factory.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .Single(e => e.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName == operationId);
        var required = endpoint.Metadata.GetMetadata<PermissionRequirement>()!;
        var catalog = fixture.Factory.Services.GetRequiredService<PermissionCatalog>();

        var description = (string?)operation["description"];

        Assert.Equal(operationId, (string?)operation["operationId"]);
        Assert.Contains(PermissionText.For(required.Name, catalog.Find(required.Name)), description, StringComparison.Ordinal);
        Assert.Contains(permission, description, StringComparison.Ordinal);
        Assert.Contains(scope, description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_operation_describes_its_access_and_problem_codes()
    {
        var document = await DocumentAsync();

        foreach (var (path, item) in document["paths"]!.AsObject())
        {
            foreach (var (method, operation) in item!.AsObject())
            {
                var description = (string?)operation!["description"] ?? "";
                Assert.True(description.Contains("**Permission:**", StringComparison.Ordinal) || description.Contains("**Access:**", StringComparison.Ordinal),
                    $"{method} {path} does not say what it needs of the caller.");
                Assert.Contains("**Problem codes:**", description, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public async Task Declared_and_implied_codes_are_listed_with_idempotency_and_concurrency()
    {
        var description = (string?)(await DocumentAsync())["paths"]!["/api/v1/deals/{id}/move"]!["post"]!["description"] ?? "";

        Assert.Contains("- 409: `deal.closed`, `idempotency.in_flight`", description, StringComparison.Ordinal);
        Assert.Contains("- 404: `deal.not_found`", description, StringComparison.Ordinal);
        Assert.Contains("- 412: `request.precondition_failed`", description, StringComparison.Ordinal);
        Assert.Contains("**Idempotency:**", description, StringComparison.Ordinal);
        Assert.Contains("**Concurrency:**", description, StringComparison.Ordinal);
    }

    private async Task<JsonNode> DocumentAsync()
    {
        using var client = fixture.CreateClient();
        return JsonNode.Parse(await client.GetStringAsync(new Uri("/swagger/v1/swagger.json", UriKind.Relative)))!;
    }
}
