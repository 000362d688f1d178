using System.Text.Json;
using M3CoreCrm.IntegrationTests.Infrastructure;

namespace M3CoreCrm.IntegrationTests.Contacts;

[Collection("api")]
public sealed class ContactOpenApiTests(ApiFixture fixture)
{
    [Theory]
    [InlineData("/api/v1/contacts/{id}", "patch", "UpdateContact", new[] { "200", "400", "403", "404", "409", "412" })]
    [InlineData("/api/v1/contacts/{id}", "delete", "DeleteContact", new[] { "204", "403", "404", "412" })]
    [InlineData("/api/v1/contacts", "post", "CreateContact", new[] { "201", "400", "403", "409" })]
    [InlineData("/api/v1/contacts", "get", "ListContacts", new[] { "200", "400", "403" })]
    [InlineData("/api/v1/contacts/{id}/merge", "post", "MergeContacts", new[] { "200", "400", "403", "404", "409", "412" })]
    [InlineData("/api/v1/contacts/batch", "post", "BatchContacts", new[] { "200", "400", "403" })]
    [InlineData("/api/v1/companies/{id}", "patch", "UpdateCompany", new[] { "200", "400", "403", "404", "412" })]
    [InlineData("/api/v1/companies/{id}/contacts", "get", "ListCompanyContacts", new[] { "200", "400", "403", "404" })]
    public async Task Operations_document_their_id_and_every_status(string path, string method, string operationId, string[] statuses)
    {
        using var client = fixture.CreateClient();
        using var document = JsonDocument.Parse(await client.GetStringAsync(new Uri("/swagger/v1/swagger.json", UriKind.Relative)));

        var operation = document.RootElement.GetProperty("paths").GetProperty(path).GetProperty(method);

        Assert.Equal(operationId, operation.GetProperty("operationId").GetString());
        var documented = operation.GetProperty("responses").EnumerateObject().Select(r => r.Name).ToHashSet();
        Assert.All(statuses, s => Assert.Contains(s, documented));
        if (method == "patch")
        {
            Assert.True(operation.GetProperty("requestBody").GetProperty("content").TryGetProperty("application/merge-patch+json", out _));
        }
    }
}
