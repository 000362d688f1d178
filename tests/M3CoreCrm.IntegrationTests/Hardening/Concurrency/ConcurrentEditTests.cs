using System.Net;
using M3CoreCrm.IntegrationTests.Deals;
using M3CoreCrm.IntegrationTests.Infrastructure;
using M3CoreCrm.IntegrationTests.Inventory;

namespace M3CoreCrm.IntegrationTests.Hardening.Concurrency;

/// <summary>
/// Optimistic concurrency under a real race: many PATCHes of one record carrying the same If-Match, released at
/// once. Exactly one may apply; every other gets 412 and the stored record is the winner's. (Contacts have the same
/// test in ContactCrudTests.)
/// </summary>
[Collection("api")]
public sealed class ConcurrentEditTests(ApiFixture fixture)
{
    [Theory]
    [InlineData("lead")]
    [InlineData("deal")]
    [InlineData("company")]
    [InlineData("project")]
    [InlineData("unit")]
    public async Task Of_concurrent_patches_with_one_etag_exactly_one_applies_and_the_rest_get_412(string kind)
    {
        var tenant = await fixture.CreateAsync(requestsPerMinute: 100_000);
        using var client = await fixture.OwnerClientAsync(tenant);
        var (url, field) = await RecordAsync(client, kind);
        var etag = (await client.FetchAsync(url)).ETag;
        Assert.False(string.IsNullOrEmpty(etag), $"GET {url} gives no ETag");

        var replies = await Race.RunAsync(i => client.PatchAsync(url, new Dictionary<string, object> { [field] = $"Writer {i}" }, etag));

        var winner = Race.SingleWinner(replies, HttpStatusCode.OK, HttpStatusCode.PreconditionFailed);
        var stored = await client.FetchAsync(url);
        Assert.Equal(winner.Body.Str(field), stored.Ok().Str(field));
        Assert.Equal(winner.ETag, stored.ETag);
        Assert.NotEqual(etag, stored.ETag);
    }

    /// <summary>A fresh record of the kind, and a text member every writer sets to its own value.</summary>
    private static async Task<(string Url, string Field)> RecordAsync(HttpClient client, string kind)
    {
        switch (kind)
        {
            case "lead":
                var lead = (await client.PostAsync("/api/v1/leads", new { firstName = "Race", lastName = "Lead", email = $"race-{Guid.NewGuid():N}@example.com", source = "website" })).Created();
                return ($"/api/v1/leads/{lead.Id()}", "lastName");
            case "deal":
                return ($"/api/v1/deals/{(await client.CreateDealAsync(new { title = "Race deal" })).Id()}", "title");
            case "company":
                return ($"/api/v1/companies/{(await client.PostAsync("/api/v1/companies", new { name = "Race Co" })).Created().Id()}", "name");
            case "project":
                var project = (await client.PostAsync($"{InventoryTestKit.Base}/projects", new { name = "Race Tower", status = "launched" })).Created();
                return ($"{InventoryTestKit.Base}/projects/{project.Id()}", "name");
            default:
                return ($"{InventoryTestKit.Base}/units/{await client.UnitAsync()}", "view");
        }
    }
}
