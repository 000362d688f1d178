using System.Net;
using System.Net.Http.Json;
using M3CoreCrm.IntegrationTests.Authorization;
using M3CoreCrm.IntegrationTests.Infrastructure;
using M3CoreCrm.Modules.Identity.Infrastructure.ApiKeys;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace M3CoreCrm.IntegrationTests.Identity;

/// <summary>The common-password list, throttled password changes, and bounded login_throttles.</summary>
[Collection("api")]
public sealed class PasswordHygieneTests(ApiFixture fixture)
{
    [Theory]
    [InlineData("123qweasdzxc")]
    [InlineData("q1w2e3r4t5y6")]
    [InlineData("LeaveMeAlone")]
    [InlineData("sonyericsson")]
    public async Task Passwords_from_the_common_list_are_refused(string password)
    {
        var tenant = await fixture.CreateAsync();
        using var owner = await fixture.OwnerClientAsync(tenant);

        var viewer = (await owner.SystemRoleIdsAsync())["Viewer"];
        (await owner.PostJsonAsync("/api/v1/users", new { email = $"u{Guid.NewGuid():N}@example.test", displayName = "U", password, roleIds = new[] { viewer } }))
            .ExpectProblem(HttpStatusCode.BadRequest, "auth.weak_password");
    }

    [Fact]
    public async Task Wrong_current_passwords_on_me_password_are_throttled_like_logins()
    {
        var tenant = await fixture.CreateAsync();
        var host = fixture.CreateFactory(services => services.AddSingleton<TimeProvider>(new FakeTimeProvider(DateTimeOffset.UtcNow)));
        using var anonymous = host.CreateClient();
        using var login = await anonymous.PostAsJsonAsync("/api/v1/auth/login", new { tenant = tenant.Slug, email = tenant.OwnerEmail, password = tenant.OwnerPassword });
        var tokens = await login.Content.ReadFromJsonAsync<TestTokens>();
        using var client = host.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", tokens!.AccessToken);

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 7; i++)
        {
            statuses.Add((await client.PostJsonAsync("/api/v1/me/password", new { currentPassword = $"Wrong-Guess-{i:000}-x", newPassword = "Brand-New-Harbour-42" })).Status);
        }

        Assert.Equal([.. Enumerable.Repeat(HttpStatusCode.BadRequest, 6), HttpStatusCode.TooManyRequests], statuses);
        // The lock is the account's: the right password cannot be used to log in either until it ends.
        using var locked = await anonymous.PostAsJsonAsync("/api/v1/auth/login", new { tenant = tenant.Slug, email = tenant.OwnerEmail, password = tenant.OwnerPassword });
        Assert.Equal(HttpStatusCode.TooManyRequests, locked.StatusCode);
    }

    [Fact]
    public async Task Stale_throttle_rows_of_unknown_emails_are_purged_by_later_failures()
    {
        var tenant = await fixture.CreateAsync();
        await using (var connection = await fixture.OpenSuperuserAsync())
        {
            await using var insert = new Npgsql.NpgsqlCommand(
                """
                INSERT INTO identity.login_throttles (tenant_id, normalized_email, failures, last_failure_at, locked_until)
                SELECT $1, 'GHOST' || n || '@EXAMPLE.TEST', 3, now() - interval '2 hours' - n * interval '1 second', NULL FROM generate_series(1, 3) n
                """, connection);
            insert.Parameters.Add(new Npgsql.NpgsqlParameter { Value = tenant.Id });
            await insert.ExecuteNonQueryAsync();
        }

        using var client = fixture.CreateClient();
        for (var i = 0; i < 2; i++)
        {
            using var failed = await client.PostAsJsonAsync("/api/v1/auth/login", new { tenant = tenant.Slug, email = $"nobody{i}@example.test", password = "Wrong-Password-123" });
            Assert.Equal(HttpStatusCode.Unauthorized, failed.StatusCode);
        }

        // Two failures: two fresh rows, and the stale ones gone (up to two per failure, oldest first).
        Assert.Equal(0L, await fixture.ScalarAsync<long>("SELECT count(*) FROM identity.login_throttles WHERE tenant_id = $1 AND normalized_email LIKE 'GHOST%'", tenant.Id));
        Assert.Equal(2L, await fixture.ScalarAsync<long>("SELECT count(*) FROM identity.login_throttles WHERE tenant_id = $1", tenant.Id));
    }

    [Fact]
    public async Task Made_up_api_keys_fail_the_checksum_and_unknown_ones_are_rate_limited_per_address()
    {
        var tenant = await fixture.CreateAsync();
        var host = fixture.CreateFactory();
        using var owner = host.CreateClient();
        owner.DefaultRequestHeaders.Authorization = new("Bearer", (await fixture.LoginOwnerAsync(tenant)).AccessToken);
        var (_, secret) = await owner.CreateApiKeyAsync((await owner.SystemRoleIdsAsync())["Viewer"]);

        // A one-character change breaks the checksum: refused like any malformed key, never looked up.
        var mistyped = secret[..^6] + (secret[^6] == 'A' ? 'B' : 'A') + secret[^5..];
        using var typo = host.CreateClient();
        typo.DefaultRequestHeaders.Add("X-Api-Key", mistyped);
        Assert.Equal(HttpStatusCode.Unauthorized, (await typo.GetAsync("/api/v1/leads")).StatusCode);

        // Well-formed keys the database does not know: after 30 in a minute, the address gets no more lookups,
        // so even the real key is refused from it until the minute is over.
        for (var i = 0; i < 30; i++)
        {
            using var guess = host.CreateClient();
            guess.DefaultRequestHeaders.Add("X-Api-Key", NewWellFormedKey(tenant.Id));
            Assert.Equal(HttpStatusCode.Unauthorized, (await guess.GetAsync("/api/v1/leads")).StatusCode);
        }

        using var real = host.CreateClient();
        real.DefaultRequestHeaders.Add("X-Api-Key", secret);
        Assert.Equal(HttpStatusCode.Unauthorized, (await real.GetAsync("/api/v1/leads")).StatusCode);
        using var elsewhere = fixture.CreateApiKeyClient(secret);
        Assert.Equal(HttpStatusCode.OK, (await elsewhere.GetAsync("/api/v1/leads")).StatusCode);
    }

    private static string NewWellFormedKey(Guid tenantId) => ApiKeyCodec.Create(tenantId);
}
