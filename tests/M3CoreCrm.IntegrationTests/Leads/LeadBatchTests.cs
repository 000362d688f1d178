using System.Net;
using System.Net.Http.Json;
using M3CoreCrm.IntegrationTests.Infrastructure;
using static M3CoreCrm.IntegrationTests.Leads.LeadsHttp;

namespace M3CoreCrm.IntegrationTests.Leads;

[Collection("api")]
public sealed class LeadBatchTests(ApiFixture fixture) : IAsyncLifetime
{
    private LeadsTestTenant _tenant = null!;

    public async Task InitializeAsync() => _tenant = await LeadsTestTenant.SharedAsync(fixture, nameof(LeadBatchTests));

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Each_record_succeeds_or_fails_alone_with_its_own_status()
    {
        var existing = await CreateAsync(_tenant.Owner, NewLead("Batched", email: NewEmail("batched")));
        var before = await _tenant.CountAsync();

        using var response = await _tenant.Owner.PostAsJsonAsync("/api/v1/leads/batch", new
        {
            items = new object[]
            {
                new { data = NewLead("New1") },
                new { data = new { firstName = "Invalid", email = "nope" } },
                new { data = NewLead("Dup", email: existing.GetProperty("email").GetString()) },
                new { id = existing.Id(), data = new { notes = "patched in batch" } },
                new { id = Guid.NewGuid(), data = new { notes = "nobody" } },
                new { data = "not an object" },
                new { data = new { firstName = "Typo", emial = "x@example.com" } },
                new { data = NewLead("New2") },
            },
        });

        var result = await ReadAsync(response, HttpStatusCode.OK);
        Assert.Equal(3, result.GetProperty("succeeded").GetInt32());
        Assert.Equal(5, result.GetProperty("failed").GetInt32());
        var items = result.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal([201, 400, 409, 200, 404, 400, 400, 201], items.Select(i => i.GetProperty("status").GetInt32()));
        Assert.True(items[1].GetProperty("problem").GetProperty("errors").TryGetProperty("email", out _));
        Assert.Equal("lead.duplicate", items[2].GetProperty("problem").GetProperty("code").GetString());
        Assert.Equal(existing.Id(), items[3].GetProperty("id").GetGuid());
        Assert.Contains("emial", items[6].GetProperty("problem").GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(before + 2, await _tenant.CountAsync());
        using var patched = await _tenant.Owner.GetAsync($"/api/v1/leads/{existing.Id()}");
        Assert.Equal("patched in batch", (await ReadAsync(patched, HttpStatusCode.OK)).GetProperty("notes").GetString());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(101)]
    public async Task A_batch_holds_1_to_100_records(int count)
    {
        var before = await _tenant.CountAsync();

        using var response = await _tenant.Owner.PostAsJsonAsync("/api/v1/leads/batch", new { items = Enumerable.Range(0, count).Select(i => new { data = NewLead($"Size{i}") }) });

        await ProblemAsync(response, HttpStatusCode.BadRequest, "batch.invalid_size");
        Assert.Equal(before, await _tenant.CountAsync());
    }
}
