using System.Net;
using System.Text;
using System.Text.Json;
using M3CoreCrm.IntegrationTests.Infrastructure;

namespace M3CoreCrm.IntegrationTests.Identity;

/// <summary>A padded login body cannot dodge the per-account rate limit: over 8 KB it is refused before any work.</summary>
[Collection("api")]
public sealed class LoginBodyLimitTests(ApiFixture fixture)
{
    [Fact]
    public async Task A_login_body_padded_past_8_KB_is_413_and_never_checks_the_password()
    {
        var tenant = await fixture.CreateAsync();
        using var client = fixture.CreateClient();
        var json = $$"""{"tenant":"{{tenant.Slug}}",{{new string(' ', 9 * 1024)}}"email":"{{tenant.OwnerEmail}}","password":"Wrong-Password-123"}""";

        using var response = await client.PostAsync("/api/v1/auth/login", new StringContent(json, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("request.body_too_large", problem.RootElement.GetProperty("code").GetString());
        Assert.Equal(0L, await fixture.ScalarAsync<long>("SELECT count(*) FROM shared.audit_entries WHERE tenant_id = $1 AND action = 'login.failed'", tenant.Id));
    }

    [Fact]
    public async Task The_per_account_bucket_counts_padded_and_plain_bodies_alike()
    {
        var tenant = await fixture.CreateAsync();
        var host = fixture.CreateFactory(("RateLimiting:Auth:PerAccount:RequestsPerMinute", "2"));
        using var client = host.CreateClient();
        var plain = $$"""{"tenant":"{{tenant.Slug}}","email":"{{tenant.OwnerEmail}}","password":"Wrong-Password-123"}""";
        var padded = $$"""{"tenant":"{{tenant.Slug}}",{{new string(' ', 4 * 1024)}}"email":"{{tenant.OwnerEmail.ToUpperInvariant()}}","password":"Wrong-Password-123"}""";

        var statuses = new List<HttpStatusCode>();
        foreach (var body in new[] { plain, padded, padded })
        {
            using var response = await client.PostAsync("/api/v1/auth/login", new StringContent(body, Encoding.UTF8, "application/json"));
            statuses.Add(response.StatusCode);
        }

        Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.TooManyRequests], statuses);
    }
}
