using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using M3CoreCrm.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace M3CoreCrm.IntegrationTests.Identity;

[Collection("api")]
public sealed class LoginTests(ApiFixture fixture)
{
    [Fact]
    public async Task Login_returns_a_bearer_pair_and_me_shows_the_owner_with_all_permissions()
    {
        var tenant = await fixture.CreateAsync();
        var tokens = await fixture.LoginOwnerAsync(tenant);

        Assert.Equal("Bearer", tokens.TokenType);
        Assert.Equal(900, tokens.ExpiresIn);
        Assert.StartsWith(tenant.Id.ToString("N") + ".", tokens.RefreshToken, StringComparison.Ordinal);

        using var client = fixture.CreateClient(tokens.AccessToken);
        using var me = await client.GetFromJsonAsync<JsonDocument>("/api/v1/me");
        var root = me!.RootElement;
        Assert.Equal(tenant.OwnerId, root.GetProperty("user").GetProperty("id").GetGuid());
        Assert.Equal(tenant.Slug, root.GetProperty("tenant").GetProperty("slug").GetString());
        Assert.Contains(root.GetProperty("roles").EnumerateArray(), r => r.GetProperty("name").GetString() == "Owner");
        Assert.Contains(root.GetProperty("permissions").EnumerateArray(),
            p => p.GetProperty("permission").GetString() == "tenant.manage" && p.GetProperty("scope").GetString() == "all");
    }

    [Fact]
    public async Task Unknown_tenant_unknown_user_and_wrong_password_give_the_same_401()
    {
        var tenant = await fixture.CreateAsync();
        using var client = fixture.CreateClient();

        var attempts = new[]
        {
            new { tenant = "no-such-tenant", email = tenant.OwnerEmail, password = tenant.OwnerPassword },
            new { tenant = tenant.Slug, email = "nobody@example.test", password = tenant.OwnerPassword },
            new { tenant = tenant.Slug, email = tenant.OwnerEmail, password = "Wrong-Password-123" },
        };
        foreach (var attempt in attempts)
        {
            using var response = await client.PostAsJsonAsync("/api/v1/auth/login", attempt);
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            Assert.Equal("auth.invalid_credentials", problem.RootElement.GetProperty("code").GetString());
        }
    }

    [Theory]
    [InlineData("\u0000", "owner@example.test", "tenant")]
    [InlineData("demo", "own\u0000er@example.test", "email")]
    public async Task A_control_character_in_the_tenant_or_email_is_a_400_on_its_field(string slug, string email, string field)
    {
        using var client = fixture.CreateClient();

        using var response = await client.PostAsJsonAsync("/api/v1/auth/login", new { tenant = slug, email, password = "Some-Password-123" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.True(problem.RootElement.GetProperty("errors").TryGetProperty(field, out _));
    }

    [Fact]
    public async Task Simultaneous_logins_of_one_account_all_succeed()
    {
        var tenant = await fixture.CreateAsync();
        using var client = fixture.CreateClient();
        var body = new { tenant = tenant.Slug, email = tenant.OwnerEmail, password = tenant.OwnerPassword };

        // As many as the password-hashing gate runs at once: each reads the user, hashes, then writes its last login.
        var logins = Enumerable.Range(0, Math.Min(2, Environment.ProcessorCount))
            .Select(_ => client.PostAsJsonAsync("/api/v1/auth/login", body));
        var responses = await Task.WhenAll(logins);

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        foreach (var response in responses)
        {
            response.Dispose();
        }
    }

    [Theory]
    [InlineData("""{"tenant":"x","email":"a@b.c"}""", "password")]
    [InlineData("""{"email":"a@b.c","password":"Something-Long-1"}""", "tenant")]
    [InlineData("""{"tenant":"x","email":"","password":"Something-Long-1"}""", "email")]
    public async Task Missing_fields_are_400_naming_the_field(string body, string field)
    {
        using var client = fixture.CreateClient();
        using var response = await client.PostAsync("/api/v1/auth/login", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.True(problem.RootElement.GetProperty("errors").TryGetProperty(field, out _), problem.RootElement.ToString());
    }

    [Fact]
    public async Task An_overlong_password_is_refused_before_hashing()
    {
        var tenant = await fixture.CreateAsync();
        using var client = fixture.CreateClient();

        using var response = await client.PostAsJsonAsync("/api/v1/auth/login", new { tenant = tenant.Slug, email = tenant.OwnerEmail, password = new string('x', 1_000) });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    /// <summary>A host whose clock stands still, so a lock lasts exactly as long as the test needs.</summary>
    private HttpClient FrozenClockClient() =>
        fixture.CreateFactory(services => services.AddSingleton<TimeProvider>(new FakeTimeProvider(DateTimeOffset.UtcNow))).CreateClient();

    [Fact]
    public async Task Repeated_failures_lock_the_account_briefly_and_are_audited()
    {
        var tenant = await fixture.CreateAsync();
        using var client = FrozenClockClient();
        var wrong = new { tenant = tenant.Slug, email = tenant.OwnerEmail, password = "Wrong-Password-123" };

        for (var i = 0; i < 6; i++)
        {
            using var failed = await client.PostAsJsonAsync("/api/v1/auth/login", wrong);
            Assert.Equal(HttpStatusCode.Unauthorized, failed.StatusCode);
        }

        using var locked = await client.PostAsJsonAsync("/api/v1/auth/login", new { tenant = tenant.Slug, email = tenant.OwnerEmail, password = tenant.OwnerPassword });
        Assert.Equal(HttpStatusCode.TooManyRequests, locked.StatusCode);
        Assert.True(locked.Headers.RetryAfter?.Delta > TimeSpan.Zero);

        const string CountSql = "SELECT count(*) FROM shared.audit_entries WHERE tenant_id = $1 AND action = $2";
        Assert.Equal(6L, await fixture.ScalarAsync<long>(CountSql, tenant.Id, "login.failed"));
        Assert.Equal(1L, await fixture.ScalarAsync<long>(CountSql, tenant.Id, "login.locked_out"));
    }

    [Fact]
    public async Task Unknown_emails_are_throttled_like_real_ones()
    {
        var tenant = await fixture.CreateAsync();
        using var frozen = FrozenClockClient();
        var ghost = new { tenant = tenant.Slug, email = "ghost@example.test", password = "Wrong-Password-123" };

        for (var i = 0; i < 6; i++)
        {
            using var failed = await frozen.PostAsJsonAsync("/api/v1/auth/login", ghost);
            Assert.Equal(HttpStatusCode.Unauthorized, failed.StatusCode);
        }

        using var locked = await frozen.PostAsJsonAsync("/api/v1/auth/login", ghost);
        Assert.Equal(HttpStatusCode.TooManyRequests, locked.StatusCode);
    }
}
