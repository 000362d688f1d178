using System.Net;
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

    private async Task<ReadResult> LoadDocumentAsync()
    {
        using var client = fixture.CreateClient();
        using var response = await client.GetAsync(new Uri("/swagger/v1/swagger.json", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await using var stream = await response.Content.ReadAsStreamAsync();
        return await OpenApiDocument.LoadAsync(stream, "json");
    }
}
