using System.Net;
using System.Net.Http.Json;
using System.Security.Claims;
using System.Text;
using System.Text.Json;
using M3CoreCrm.IntegrationTests.Infrastructure;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace M3CoreCrm.IntegrationTests.Identity;

[Collection("api")]
public sealed class TokenTests(ApiFixture fixture)
{
    [Fact]
    public async Task Refresh_rotates_and_the_new_pair_works()
    {
        var tenant = await fixture.CreateAsync();
        var first = await fixture.LoginOwnerAsync(tenant);

        var (status, second) = await RefreshAsync(first.RefreshToken);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.NotEqual(first.RefreshToken, second!.RefreshToken);
        using var client = fixture.CreateClient(second.AccessToken);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/me")).StatusCode);
    }

    [Fact]
    public async Task Reusing_an_older_refresh_token_revokes_the_whole_session()
    {
        var tenant = await fixture.CreateAsync();
        var first = await fixture.LoginOwnerAsync(tenant);
        var (_, second) = await RefreshAsync(first.RefreshToken);
        var (_, third) = await RefreshAsync(second!.RefreshToken);

        // The first token's successor has been used: presenting it again is theft, not a second tab.
        var (reuse, _) = await RefreshAsync(first.RefreshToken);
        Assert.Equal(HttpStatusCode.Unauthorized, reuse);

        var (afterReuse, _) = await RefreshAsync(third!.RefreshToken);
        Assert.Equal(HttpStatusCode.Unauthorized, afterReuse);
        using var client = fixture.CreateClient(third.AccessToken);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/v1/me")).StatusCode);
        Assert.Equal(1L, await fixture.ScalarAsync<long>("SELECT count(*) FROM shared.audit_entries WHERE tenant_id = $1 AND action = $2", tenant.Id, "refresh.reuse_detected"));
    }

    [Fact]
    public async Task Two_tabs_refreshing_the_same_token_at_once_both_succeed_with_the_same_successor()
    {
        var tenant = await fixture.CreateAsync();
        var first = await fixture.LoginOwnerAsync(tenant);

        var results = await Task.WhenAll(RefreshAsync(first.RefreshToken), RefreshAsync(first.RefreshToken));

        Assert.All(results, r => Assert.Equal(HttpStatusCode.OK, r.Status));
        Assert.Equal(results[0].Tokens!.RefreshToken, results[1].Tokens!.RefreshToken);
        var (next, _) = await RefreshAsync(results[1].Tokens!.RefreshToken);
        Assert.Equal(HttpStatusCode.OK, next);
    }

    [Fact]
    public async Task A_retry_within_the_grace_window_gets_the_same_successor_and_is_audited_not_a_second_chain()
    {
        var tenant = await fixture.CreateAsync();
        var first = await fixture.LoginOwnerAsync(tenant);

        var (_, second) = await RefreshAsync(first.RefreshToken);
        var (retryStatus, retried) = await RefreshAsync(first.RefreshToken);
        var (_, again) = await RefreshAsync(first.RefreshToken);

        Assert.Equal(HttpStatusCode.OK, retryStatus);
        Assert.Equal(second!.RefreshToken, retried!.RefreshToken);
        Assert.Equal(second.RefreshToken, again!.RefreshToken);
        Assert.Equal(2L, await fixture.ScalarAsync<long>("SELECT count(*) FROM identity.refresh_tokens WHERE tenant_id = $1", tenant.Id));
        Assert.Equal(2L, await fixture.ScalarAsync<long>("SELECT count(*) FROM shared.audit_entries WHERE tenant_id = $1 AND action = $2", tenant.Id, "refresh.grace_reuse"));

        // The one successor rotates once; after that the old token is theft, not a retry.
        Assert.Equal(HttpStatusCode.OK, (await RefreshAsync(second.RefreshToken)).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await RefreshAsync(first.RefreshToken)).Status);
    }

    [Fact]
    public async Task Many_concurrent_refreshes_consume_the_token_exactly_once()
    {
        var tenant = await fixture.CreateAsync();
        var first = await fixture.LoginOwnerAsync(tenant);

        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => RefreshAsync(first.RefreshToken)));

        Assert.Equal(1L, await fixture.ScalarAsync<long>("SELECT count(*) FROM identity.refresh_tokens WHERE tenant_id = $1 AND used_at IS NOT NULL", tenant.Id));
    }

    [Theory]
    [InlineData("garbage")]
    [InlineData("0123456789abcdef0123456789abcdef.truncated")]
    [InlineData("00000000000000000000000000000000.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    public async Task Garbage_or_truncated_refresh_tokens_are_401(string token)
    {
        var (status, _) = await RefreshAsync(token);
        Assert.Equal(HttpStatusCode.Unauthorized, status);
    }

    [Fact]
    public async Task Logout_revokes_the_session_at_once_and_logout_all_every_session()
    {
        var tenant = await fixture.CreateAsync();
        var a = await fixture.LoginOwnerAsync(tenant);
        var b = await fixture.LoginOwnerAsync(tenant);
        var c = await fixture.LoginOwnerAsync(tenant);

        using (var client = fixture.CreateClient(a.AccessToken))
        {
            Assert.Equal(HttpStatusCode.NoContent, (await client.PostAsync("/api/v1/auth/logout", null)).StatusCode);
            Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/v1/me")).StatusCode);
        }

        Assert.Equal(HttpStatusCode.Unauthorized, (await RefreshAsync(a.RefreshToken)).Status);

        using (var client = fixture.CreateClient(b.AccessToken))
        {
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/me")).StatusCode);
            Assert.Equal(HttpStatusCode.NoContent, (await client.PostAsync("/api/v1/auth/logout-all", null)).StatusCode);
        }

        using var other = fixture.CreateClient(c.AccessToken);
        Assert.Equal(HttpStatusCode.Unauthorized, (await other.GetAsync("/api/v1/me")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await RefreshAsync(c.RefreshToken)).Status);
    }

    [Fact]
    public async Task Forged_tokens_are_401()
    {
        var tenant = await fixture.CreateAsync();
        var valid = await fixture.LoginOwnerAsync(tenant);
        var claims = new JsonWebToken(valid.AccessToken).Claims.Where(c => c.Type is "sub" or "tid" or "sid").ToList();
        var key = new SymmetricSecurityKey(Encoding.UTF8.GetBytes(fixture.SigningKey));

        var forged = new[]
        {
            Sign(claims, key, CrmApiFactory.JwtIssuer, CrmApiFactory.JwtAudience, DateTime.UtcNow.AddMinutes(-20)), // expired
            Sign(claims, key, CrmApiFactory.JwtIssuer, "someone-else", DateTime.UtcNow), // wrong audience
            Sign(claims, key, "evil-issuer", CrmApiFactory.JwtAudience, DateTime.UtcNow), // wrong issuer
            Sign(claims, new SymmetricSecurityKey(Encoding.UTF8.GetBytes(new string('k', 64))), CrmApiFactory.JwtIssuer, CrmApiFactory.JwtAudience, DateTime.UtcNow), // wrong key
            Unsigned(valid.AccessToken), // alg none
        };

        foreach (var token in forged)
        {
            using var client = fixture.CreateClient(token);
            Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/v1/me")).StatusCode);
        }

        // The same claims signed properly pass: the refusals above are about the forgery, not the claims.
        using var control = fixture.CreateClient(Sign(claims, key, CrmApiFactory.JwtIssuer, CrmApiFactory.JwtAudience, DateTime.UtcNow));
        Assert.Equal(HttpStatusCode.OK, (await control.GetAsync("/api/v1/me")).StatusCode);
    }

    [Fact]
    public async Task A_suspended_tenant_can_neither_log_in_nor_call_the_api()
    {
        var tenant = await fixture.CreateAsync();
        var tokens = await fixture.LoginOwnerAsync(tenant);
        using var platform = fixture.CreateClient();
        platform.DefaultRequestHeaders.Add("X-Platform-Key", fixture.PlatformApiKey);

        Assert.Equal(HttpStatusCode.OK, (await platform.PostAsync($"/api/v1/platform/tenants/{tenant.Id}/suspend", null)).StatusCode);

        using var client = fixture.CreateClient(tokens.AccessToken);
        using var call = await client.GetAsync("/api/v1/me");
        Assert.Equal(HttpStatusCode.Forbidden, call.StatusCode);
        Assert.Contains("tenant.suspended", await call.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var anonymous = fixture.CreateClient();
        using var login = await anonymous.PostAsJsonAsync("/api/v1/auth/login", new { tenant = tenant.Slug, email = tenant.OwnerEmail, password = tenant.OwnerPassword });
        Assert.Equal(HttpStatusCode.Forbidden, login.StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await platform.PostAsync($"/api/v1/platform/tenants/{tenant.Id}/activate", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/me")).StatusCode);
    }

    private async Task<(HttpStatusCode Status, TestTokens? Tokens)> RefreshAsync(string refreshToken)
    {
        using var client = fixture.CreateClient();
        using var response = await client.PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken });
        var body = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, response.IsSuccessStatusCode ? JsonSerializer.Deserialize<TestTokens>(body, JsonSerializerOptions.Web) : null);
    }

    private static string Sign(IEnumerable<Claim> claims, SecurityKey key, string issuer, string audience, DateTime issuedAt) =>
        new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            IssuedAt = issuedAt,
            NotBefore = issuedAt,
            Expires = issuedAt.AddMinutes(15),
            Subject = new ClaimsIdentity(claims.Append(new Claim("jti", Guid.NewGuid().ToString()))),
            SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.HmacSha256),
        });

    /// <summary>The same payload with header {"alg":"none"} and no signature.</summary>
    private static string Unsigned(string token)
    {
        var parts = token.Split('.');
        var header = Base64UrlEncoder.Encode("""{"alg":"none","typ":"JWT"}""");
        return $"{header}.{parts[1]}.";
    }
}
