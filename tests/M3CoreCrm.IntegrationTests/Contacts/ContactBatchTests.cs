using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using M3CoreCrm.IntegrationTests.Infrastructure;
using static M3CoreCrm.IntegrationTests.Contacts.ContactsKit;

namespace M3CoreCrm.IntegrationTests.Contacts;

[Collection("api")]
public sealed class ContactBatchTests(ApiFixture fixture)
{
    [Fact]
    public async Task Batch_creates_and_updates_each_record_on_its_own_with_a_result_per_item()
    {
        using var world = await fixture.NewTenantAsync();
        var existing = await world.Owner.CreateSimpleContactAsync("Existing");
        var duplicateEmail = existing.GetProperty("emails")[0].Str("address");
        var goodEmail = NewEmail("batch");

        using var response = await world.Owner.PostAsJsonAsync("/api/v1/contacts/batch", new
        {
            items = new object[]
            {
                new { data = new { firstName = "Created", emails = new[] { new { address = goodEmail } } } },
                new { id = existing.Id(), data = new { lastName = "Updated" } },
                new { data = new { firstName = "Bad", emails = new[] { new { address = "not-an-email" } } } },
                new { data = new { firstName = "Dup", emails = new[] { new { address = duplicateEmail } } } },
                new { id = Guid.CreateVersion7(), data = new { lastName = "Nobody" } },
                new { data = new { firstName = 42 } },
                new { data = "not an object" },
                new { data = new { firstName = "Again", emails = new[] { new { address = goodEmail } } } },
                new { data = new { firstName = "Unknown", nickname = "x" } },
            },
        });
        var result = await ExpectAsync(response, HttpStatusCode.OK);

        Assert.Equal(2, result.GetProperty("succeeded").GetInt32());
        Assert.Equal(7, result.GetProperty("failed").GetInt32());
        var items = result.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(Enumerable.Range(0, 9), items.Select(i => i.GetProperty("index").GetInt32()));
        Assert.Equal([201, 200, 400, 409, 404, 400, 400, 409, 400], items.Select(i => i.GetProperty("status").GetInt32()));
        Assert.Equal(existing.Id(), items[1].Id());
        Assert.Equal("validation.failed", items[2].GetProperty("problem").Str("code"));
        Assert.True(items[2].GetProperty("problem").GetProperty("errors").TryGetProperty("emails[0].address", out _));
        Assert.Equal("contact.duplicate", items[3].GetProperty("problem").Str("code"));
        Assert.Equal("contact.not_found", items[4].GetProperty("problem").Str("code"));
        Assert.Equal(JsonValueKind.Null, items[4].GetProperty("id").ValueKind);

        var created = await world.Owner.GetJsonAsync($"/api/v1/contacts/{items[0].Id()}");
        Assert.Equal("Created", created.Str("firstName"));
        Assert.Equal("Updated", (await world.Owner.GetJsonAsync($"/api/v1/contacts/{existing.Id()}")).Str("lastName"));
        var all = await world.Owner.GetJsonAsync("/api/v1/contacts?includeTotal=true");
        Assert.Equal(2, all.GetProperty("total").GetInt64());
    }

    [Fact]
    public async Task Batch_allows_duplicates_when_asked_and_works_with_an_idempotency_key()
    {
        using var world = await fixture.NewTenantAsync();
        var email = NewEmail("twin");
        var body = JsonSerializer.Serialize(new
        {
            items = new[]
            {
                new { data = new { firstName = "Twin1", emails = new[] { new { address = email } } } },
                new { data = new { firstName = "Twin2", emails = new[] { new { address = email } } } },
            },
        });

        async Task<HttpResponseMessage> Send()
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/contacts/batch?allowDuplicate=true")
            {
                Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json"),
            };
            request.Headers.Add("Idempotency-Key", "batch-" + email);
            return await world.Owner.SendAsync(request);
        }

        using var first = await Send();
        var result = await ExpectAsync(first, HttpStatusCode.OK);
        Assert.Equal(2, result.GetProperty("succeeded").GetInt32());
        using var replay = await Send();
        Assert.Equal(result.GetRawText(), (await ExpectAsync(replay, HttpStatusCode.OK)).GetRawText());
        Assert.True(replay.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal(2, (await world.Owner.GetJsonAsync("/api/v1/contacts")).ItemIds().Count);
    }

    [Theory]
    [InlineData("""{"items": []}""")]
    [InlineData("""{"items": null}""")]
    [InlineData("""{}""")]
    [InlineData("""{"items": [null]}""")]
    [InlineData("""{"items": "nope"}""")]
    public async Task Empty_or_malformed_batches_are_400(string body)
    {
        using var world = await fixture.NewTenantAsync();

        using var response = await world.Owner.PostJsonAsync("/api/v1/contacts/batch", body);

        await ExpectProblemAsync(response, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task More_than_100_items_are_refused_whole()
    {
        using var world = await fixture.NewTenantAsync();
        var items = Enumerable.Range(0, 101).Select(i => new { data = new { firstName = $"N{i}" } }).ToArray();

        using var response = await world.Owner.PostAsJsonAsync("/api/v1/contacts/batch", new { items });

        await ExpectProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Empty((await world.Owner.GetJsonAsync("/api/v1/contacts")).ItemIds());
    }
}
