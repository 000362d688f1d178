using System.Net;
using System.Text.Json.Nodes;
using M3CoreCrm.IntegrationTests.Infrastructure;
using Microsoft.OpenApi;
using Microsoft.OpenApi.Reader;

namespace M3CoreCrm.IntegrationTests.Foundation;

[Collection("api")]
public sealed class OpenApiTests(ApiFixture fixture)
{
    [Fact]
    public async Task Document_is_valid_OpenAPI_with_bearer_scheme()
    {
        var (document, diagnostic) = await LoadDocumentAsync();

        Assert.Empty(diagnostic?.Errors ?? []);
        Assert.NotNull(document);
        var schemes = document.Components?.SecuritySchemes ?? new Dictionary<string, IOpenApiSecurityScheme>();
        Assert.Contains(schemes.Values, s => s.Type == SecuritySchemeType.Http && string.Equals(s.Scheme, "bearer", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task Every_operation_has_an_id_a_summary_and_documented_responses()
    {
        var (document, _) = await LoadDocumentAsync();
        Assert.NotNull(document);

        var operations = (document.Paths ?? [])
            .SelectMany(path => (path.Value.Operations ?? []).Select(op => (Name: $"{op.Key} {path.Key}", Operation: op.Value)))
            .ToList();
        foreach (var (name, operation) in operations)
        {
            Assert.False(string.IsNullOrWhiteSpace(operation.OperationId), $"{name} has no operationId.");
            Assert.False(string.IsNullOrWhiteSpace(operation.Summary), $"{name} has no summary.");
            Assert.True(operation.Responses is { Count: > 0 }, $"{name} documents no response.");
            Assert.All(operation.Responses, r => Assert.False(string.IsNullOrWhiteSpace(r.Value.Description), $"{name} response {r.Key} has no description."));
        }

        var ids = operations.Select(o => o.Operation.OperationId).ToList();
        Assert.Equal(ids.Count, ids.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public async Task Swagger_UI_is_served()
    {
        using var client = fixture.CreateClient();

        using var response = await client.GetAsync(new Uri("/swagger/index.html", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("swagger-ui", await response.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("/api/v1/leads/{id}", "patch")]
    [InlineData("/api/v1/leads/{id}", "delete")]
    [InlineData("/api/v1/leads/{id}/convert", "post")]
    [InlineData("/api/v1/deals/{id}/win", "post")]
    [InlineData("/api/v1/pipelines/{id}/stages/{stageId}", "delete")]
    [InlineData("/api/v1/users/{id}/roles", "put")]
    public async Task A_route_that_honours_If_Match_documents_the_optional_header_and_a_412_problem(string path, string method)
    {
        var operation = (await LoadJsonAsync())["paths"]![path]![method]!;

        var ifMatch = IfMatchParameter(operation);
        Assert.NotNull(ifMatch);
        Assert.Equal("header", (string?)ifMatch["in"]);
        Assert.NotEqual(true, (bool?)ifMatch["required"]);
        Assert.Equal("string", (string?)ifMatch["schema"]!["type"]);
        Assert.Contains("412", (string?)ifMatch["description"], StringComparison.Ordinal);
        var problem = operation["responses"]!["412"]!["content"]!["application/problem+json"]!["schema"]!;
        Assert.Equal("#/components/schemas/ProblemDetails", (string?)problem["$ref"]);
    }

    [Theory]
    [InlineData("/api/v1/leads", "post")]
    [InlineData("/api/v1/leads/{id}", "get")]
    [InlineData("/api/v1/contacts/{id}/restore", "post")]
    [InlineData("/api/v1/inventory/units/{id}/hold", "post")]
    public async Task A_route_that_ignores_If_Match_does_not_offer_it(string path, string method)
    {
        var operation = (await LoadJsonAsync())["paths"]![path]![method]!;

        Assert.Null(IfMatchParameter(operation));
    }

    /// <summary>412 comes only from If-Match here: a route that lists it but is not marked (or the reverse) is a slip.</summary>
    [Fact]
    public async Task Exactly_the_operations_that_take_If_Match_document_412()
    {
        var paths = (await LoadJsonAsync())["paths"]!.AsObject();

        var operations = paths.SelectMany(path => path.Value!.AsObject().Select(op => (Name: $"{op.Key} {path.Key}", Operation: op.Value!))).ToList();
        var takingIfMatch = operations.Where(o => IfMatchParameter(o.Operation) is not null).Select(o => o.Name).ToList();
        var documenting412 = operations.Where(o => o.Operation["responses"]!.AsObject().ContainsKey("412")).Select(o => o.Name).ToList();
        Assert.NotEmpty(takingIfMatch);
        Assert.Equal(documenting412, takingIfMatch);
    }

    [Theory]
    [InlineData("/api/v1/leads/{id}", "get", "200")]
    [InlineData("/api/v1/leads/{id}", "patch", "200")]
    [InlineData("/api/v1/leads", "post", "201")]
    [InlineData("/api/v1/groups/{id}/members/{userId}", "post", "204")]
    public async Task A_route_that_sends_an_ETag_documents_it_on_its_success(string path, string method, string status)
    {
        var response = (await LoadJsonAsync())["paths"]![path]![method]!["responses"]![status]!;

        var etag = response["headers"]?["ETag"];
        Assert.NotNull(etag);
        Assert.Equal("string", (string?)etag["schema"]!["type"]);
    }

    [Fact]
    public async Task A_delete_that_sends_no_ETag_documents_none()
    {
        var response = (await LoadJsonAsync())["paths"]!["/api/v1/leads/{id}"]!["delete"]!["responses"]!["204"]!;

        Assert.Null(response["headers"]?["ETag"]);
    }

    /// <summary>
    /// Generated clients type required properties as always present. A success body has them all (the fuzzer checks
    /// every success it gets against these lists); a create body and a problem do not, so their lists stay short.
    /// </summary>
    [Fact]
    public async Task Success_body_schemas_require_every_property_and_request_and_problem_schemas_do_not()
    {
        var schemas = (await LoadJsonAsync())["components"]!["schemas"]!;

        foreach (var name in new[] { "LeadResponse", "PageOfLeadResponse", "DealResponse", "UnitResponse", "MeResponse" })
        {
            var schema = schemas[name];
            Assert.True(schema is not null, $"{name} is not in the document.");
            var properties = schema["properties"]!.AsObject().Select(p => p.Key).Order(StringComparer.Ordinal).ToList();
            var required = schema["required"]?.AsArray().Select(r => (string)r!).Order(StringComparer.Ordinal).ToList();
            Assert.Equal(properties, required);
        }

        var create = schemas["CreateLeadRequest"]!;
        Assert.True((create["required"]?.AsArray().Count ?? 0) < create["properties"]!.AsObject().Count, "A create body's optional fields became required.");
        Assert.Equal(["code"], schemas["ProblemDetails"]!["required"]!.AsArray().Select(r => (string?)r));
    }

    private async Task<ReadResult> LoadDocumentAsync()
    {
        using var client = fixture.CreateClient();
        using var response = await client.GetAsync(new Uri("/swagger/v1/swagger.json", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await using var stream = await response.Content.ReadAsStreamAsync();
        return await OpenApiDocument.LoadAsync(stream, "json");
    }

    private async Task<JsonNode> LoadJsonAsync()
    {
        using var client = fixture.CreateClient();
        return JsonNode.Parse(await client.GetStringAsync(new Uri("/swagger/v1/swagger.json", UriKind.Relative)))!;
    }

    private static JsonNode? IfMatchParameter(JsonNode operation) =>
        operation["parameters"]?.AsArray().SingleOrDefault(p => (string?)p!["name"] == "If-Match");
}
