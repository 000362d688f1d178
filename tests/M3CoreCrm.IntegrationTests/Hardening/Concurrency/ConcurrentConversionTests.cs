using System.Net;
using M3CoreCrm.IntegrationTests.Deals;
using M3CoreCrm.IntegrationTests.Infrastructure;

namespace M3CoreCrm.IntegrationTests.Hardening.Concurrency;

/// <summary>
/// Conversions of one lead racing each other when the conversion also opens a deal (LeadConversionTests races
/// conversions without a deal): one succeeds, the rest get 409, and exactly one contact and one deal exist. A storm
/// of retries with one Idempotency-Key converts once too, and every answer that is a success is the same one.
/// </summary>
[Collection("api")]
public sealed class ConcurrentConversionTests(ApiFixture fixture)
{
    [Fact]
    public async Task Of_concurrent_conversions_opening_a_deal_exactly_one_wins_with_one_contact_and_one_deal()
    {
        var tenant = await fixture.CreateAsync(requestsPerMinute: 100_000);
        using var client = await fixture.OwnerClientAsync(tenant);
        var lead = await NewLeadAsync(client);

        var replies = await Race.RunAsync(i => client.PostAsync($"/api/v1/leads/{lead}/convert", new { deal = new { title = $"Race deal {i}" } }));

        var winner = Race.SingleWinner(replies, HttpStatusCode.OK, HttpStatusCode.Conflict);
        await AssertConvertedOnceAsync(client, lead, winner);
    }

    [Fact]
    public async Task Concurrent_retries_with_one_idempotency_key_convert_once()
    {
        var tenant = await fixture.CreateAsync(requestsPerMinute: 100_000);
        using var client = await fixture.OwnerClientAsync(tenant);
        var lead = await NewLeadAsync(client);
        var key = "convert-" + Guid.NewGuid().ToString("N");

        var replies = await Race.RunAsync(async _ =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/leads/{lead}/convert")
            {
                Content = System.Net.Http.Json.JsonContent.Create(new { deal = new { title = "Retried deal" } }),
            };
            request.Headers.Add("Idempotency-Key", key);
            using var response = await client.SendAsync(request);
            var text = await response.Content.ReadAsStringAsync();
            return new Reply(response.StatusCode, System.Text.Json.JsonDocument.Parse(text).RootElement.Clone(), null, null, text);
        });

        var successes = replies.Where(r => r.Status == HttpStatusCode.OK).ToList();
        Assert.NotEmpty(successes);
        Assert.Single(successes.Select(r => r.Body.GetProperty("dealId").GetGuid()).Distinct());
        Assert.All(replies.Where(r => r.Status != HttpStatusCode.OK), r => r.Problem(HttpStatusCode.Conflict));
        await AssertConvertedOnceAsync(client, lead, successes[0]);
    }

    private static async Task<Guid> NewLeadAsync(HttpClient client) =>
        (await client.PostAsync("/api/v1/leads", new { firstName = "Contested", lastName = "Buyer", email = $"contested-{Guid.NewGuid():N}@example.com", source = "referral" })).Created().Id();

    private async Task AssertConvertedOnceAsync(HttpClient client, Guid lead, Reply winner)
    {
        Assert.Equal(1L, await fixture.ScalarAsync<long>("SELECT count(*) FROM contacts.contacts WHERE source_lead_id = $1", lead));
        Assert.Equal(1L, await fixture.ScalarAsync<long>("SELECT count(*) FROM deals.deals WHERE source_lead_id = $1", lead));
        var dealId = winner.Body.GetProperty("dealId").GetGuid();
        Assert.Equal(winner.Body.GetProperty("contactId").GetGuid(), (await client.FetchAsync($"/api/v1/deals/{dealId}")).Ok().GetProperty("contactId").GetGuid());
        var stored = (await client.FetchAsync($"/api/v1/leads/{lead}")).Ok();
        Assert.Equal("converted", stored.Str("status"));
    }
}
