using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using M3CoreCrm.IntegrationTests.Infrastructure;

namespace M3CoreCrm.IntegrationTests.Auditing;

[Collection("api")]
public sealed class AuditLogTests(ApiFixture fixture)
{
    [Fact]
    public async Task The_audit_log_lists_security_events_newest_first_with_filters_and_cursors()
    {
        var tenant = await fixture.CreateAsync();
        using var anonymous = fixture.CreateClient();
        await anonymous.PostAsJsonAsync("/api/v1/auth/login", new { tenant = tenant.Slug, email = tenant.OwnerEmail, password = "Wrong-Password-123" });
        using var client = await fixture.OwnerClientAsync(tenant);

        using var page = JsonDocument.Parse(await client.GetStringAsync("/api/v1/audit?limit=2&includeTotal=true"));
        var items = page.RootElement.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(2, items.Count);
        Assert.True(items[0].GetProperty("occurredAt").GetDateTimeOffset() >= items[1].GetProperty("occurredAt").GetDateTimeOffset());
        Assert.True(page.RootElement.GetProperty("total").GetInt64() >= 3);
        var cursor = page.RootElement.GetProperty("nextCursor").GetString();
        Assert.False(string.IsNullOrEmpty(cursor));

        using var next = JsonDocument.Parse(await client.GetStringAsync($"/api/v1/audit?limit=2&cursor={Uri.EscapeDataString(cursor!)}"));
        var nextIds = next.RootElement.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid());
        Assert.Empty(nextIds.Intersect(items.Select(i => i.GetProperty("id").GetGuid())));

        using var failures = JsonDocument.Parse(await client.GetStringAsync("/api/v1/audit?action=login.failed"));
        var failure = Assert.Single(failures.RootElement.GetProperty("items").EnumerateArray());
        Assert.Equal(tenant.OwnerId, failure.GetProperty("actorId").GetGuid());
        Assert.DoesNotContain("Wrong-Password", failure.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_tampered_cursor_is_400()
    {
        var tenant = await fixture.CreateAsync();
        using var client = await fixture.OwnerClientAsync(tenant);

        using var response = await client.GetAsync("/api/v1/audit?cursor=eyJzb3J0IjoiLW9jY3VycmVkQXQifQ.AAAAAAAAAAAAAAAAAAAAAA");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("paging.invalid_cursor", problem.RootElement.GetProperty("code").GetString());
    }

    [Fact]
    public async Task Audit_entries_of_one_tenant_are_invisible_to_another()
    {
        var first = await fixture.CreateAsync();
        var second = await fixture.CreateAsync();
        using var client = await fixture.OwnerClientAsync(second);

        var body = await client.GetStringAsync("/api/v1/audit?limit=200");

        Assert.DoesNotContain(first.OwnerId.ToString(), body, StringComparison.OrdinalIgnoreCase);
        Assert.Contains(second.OwnerId.ToString(), body, StringComparison.OrdinalIgnoreCase);
    }
}
