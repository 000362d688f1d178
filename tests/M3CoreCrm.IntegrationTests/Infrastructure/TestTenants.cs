using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace M3CoreCrm.IntegrationTests.Infrastructure;

/// <summary>A tenant provisioned through the platform API, with its owner's credentials.</summary>
internal sealed record TestTenant(Guid Id, string Slug, Guid OwnerId, string OwnerEmail, string OwnerPassword);

/// <summary>Tokens of one login.</summary>
internal sealed record TestTokens(string AccessToken, string RefreshToken, int ExpiresIn, string TokenType);

/// <summary>Provisioning and login helpers: every test gets fresh tenants, so tests never see each other's data.</summary>
internal static class TestTenants
{
    internal const string OwnerPassword = "Correct-Horse-Battery-9";

    /// <summary>A new tenant with a unique slug (and its owner) through POST /api/v1/platform/tenants.</summary>
    internal static async Task<TestTenant> CreateAsync(this ApiFixture fixture, int? requestsPerMinute = null)
    {
        var slug = "t-" + Guid.NewGuid().ToString("N")[..12];
        var email = $"owner@{slug}.test";
        using var client = fixture.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/platform/tenants")
        {
            Content = JsonContent.Create(new
            {
                slug,
                name = $"Tenant {slug}",
                defaultCurrency = "AED",
                timeZone = "Asia/Dubai",
                limits = requestsPerMinute is null ? null : new { requestsPerMinute },
                ownerEmail = email,
                ownerPassword = OwnerPassword,
                ownerDisplayName = "Owner " + slug,
            }),
        };
        request.Headers.Add("X-Platform-Key", fixture.PlatformApiKey);
        using var response = await client.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"Provisioning failed: {(int)response.StatusCode} {body}");
        using var json = JsonDocument.Parse(body);
        var root = json.RootElement;
        return new TestTenant(root.GetProperty("tenant").GetProperty("id").GetGuid(), slug, root.GetProperty("ownerUserId").GetGuid(), email, OwnerPassword);
    }

    /// <summary>Logs in; fails the test unless the login succeeds.</summary>
    internal static async Task<TestTokens> LoginAsync(this ApiFixture fixture, string tenantSlug, string email, string password)
    {
        using var client = fixture.CreateClient();
        using var response = await client.PostAsJsonAsync("/api/v1/auth/login", new { tenant = tenantSlug, email, password });
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"Login failed: {(int)response.StatusCode} {body}");
        return JsonSerializer.Deserialize<TestTokens>(body, JsonSerializerOptions.Web)!;
    }

    /// <summary>The owner's tokens.</summary>
    internal static Task<TestTokens> LoginOwnerAsync(this ApiFixture fixture, TestTenant tenant) =>
        fixture.LoginAsync(tenant.Slug, tenant.OwnerEmail, tenant.OwnerPassword);

    /// <summary>A client of the main host sending the bearer token.</summary>
    internal static HttpClient CreateClient(this ApiFixture fixture, string accessToken)
    {
        var client = fixture.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        return client;
    }

    /// <summary>A client logged in as the tenant's owner.</summary>
    internal static async Task<HttpClient> OwnerClientAsync(this ApiFixture fixture, TestTenant tenant) =>
        fixture.CreateClient((await fixture.LoginOwnerAsync(tenant)).AccessToken);
}
