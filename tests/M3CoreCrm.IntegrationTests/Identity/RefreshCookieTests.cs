using System.Net;
using System.Text;
using System.Text.Json;
using M3CoreCrm.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;

namespace M3CoreCrm.IntegrationTests.Identity;

/// <summary>Cookie mode (X-Refresh-Mode: cookie): the refresh token lives in an HttpOnly cookie the page cannot read.</summary>
[Collection("api")]
public sealed class RefreshCookieTests(ApiFixture fixture)
{
    private const string CookieName = "m3crm_refresh";

    [Fact]
    public async Task Login_in_cookie_mode_sets_a_locked_down_cookie_and_no_refresh_token_in_the_body()
    {
        var tenant = await fixture.CreateAsync();
        using var client = NoCookieClient();

        using var response = await SendAsync(client, "/api/v1/auth/login", new { tenant = tenant.Slug, email = tenant.OwnerEmail, password = tenant.OwnerPassword }, cookieMode: true);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(response.Headers.CacheControl?.NoStore, "token responses must carry Cache-Control: no-store");
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(JsonValueKind.Null, body.RootElement.GetProperty("refreshToken").ValueKind);
        Assert.False(string.IsNullOrEmpty(body.RootElement.GetProperty("accessToken").GetString()));

        var cookie = SetCookie(response);
        var attributes = cookie.Split(';', StringSplitOptions.TrimEntries).Skip(1).Select(a => a.ToLowerInvariant()).ToList();
        Assert.StartsWith(tenant.Id.ToString("N") + ".", CookieValue(cookie), StringComparison.Ordinal);
        Assert.Contains("httponly", attributes);
        Assert.Contains("secure", attributes);
        Assert.Contains("samesite=strict", attributes);
        Assert.Contains("path=/api/v1/auth", attributes);
        Assert.Contains($"max-age={(int)TimeSpan.FromDays(30).TotalSeconds}", attributes);
    }

    [Fact]
    public async Task Body_mode_still_returns_the_refresh_token_and_no_cookie()
    {
        var tenant = await fixture.CreateAsync();
        using var client = NoCookieClient();

        using var response = await SendAsync(client, "/api/v1/auth/login", new { tenant = tenant.Slug, email = tenant.OwnerEmail, password = tenant.OwnerPassword }, cookieMode: false);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(response.Headers.CacheControl?.NoStore);
        Assert.False(response.Headers.Contains("Set-Cookie"));
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.StartsWith(tenant.Id.ToString("N") + ".", body.RootElement.GetProperty("refreshToken").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Refresh_in_cookie_mode_reads_the_cookie_rotates_it_and_the_old_one_is_spent()
    {
        var tenant = await fixture.CreateAsync();
        using var client = NoCookieClient();
        var first = await CookieLoginAsync(client, tenant);

        using var refreshed = await SendAsync(client, "/api/v1/auth/refresh", new { }, cookieMode: true, cookie: first);
        Assert.Equal(HttpStatusCode.OK, refreshed.StatusCode);
        Assert.True(refreshed.Headers.CacheControl?.NoStore);
        var second = CookieValue(SetCookie(refreshed));
        Assert.NotEqual(first, second);
        using (var body = JsonDocument.Parse(await refreshed.Content.ReadAsStringAsync()))
        {
            Assert.Equal(JsonValueKind.Null, body.RootElement.GetProperty("refreshToken").ValueKind);
            using var me = fixture.CreateClient(body.RootElement.GetProperty("accessToken").GetString()!);
            Assert.Equal(HttpStatusCode.OK, (await me.GetAsync("/api/v1/me")).StatusCode);
        }

        // No body at all works too, and the rotated cookie goes on rotating.
        using var third = await SendAsync(client, "/api/v1/auth/refresh", body: null, cookieMode: true, cookie: second);
        Assert.Equal(HttpStatusCode.OK, third.StatusCode);
        Assert.NotEqual(second, CookieValue(SetCookie(third)));
    }

    [Fact]
    public async Task The_cookie_without_the_mode_header_is_refused_and_not_consumed()
    {
        var tenant = await fixture.CreateAsync();
        using var client = NoCookieClient();
        var cookie = await CookieLoginAsync(client, tenant);

        using var forged = await SendAsync(client, "/api/v1/auth/refresh", new { }, cookieMode: false, cookie: cookie);

        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal("application/problem+json", forged.Content.Headers.ContentType?.MediaType);
        using (var problem = JsonDocument.Parse(await forged.Content.ReadAsStringAsync()))
        {
            Assert.Equal("auth.refresh_mode_required", problem.RootElement.GetProperty("code").GetString());
        }

        Assert.Equal(0L, await fixture.ScalarAsync<long>("SELECT count(*) FROM identity.refresh_tokens WHERE tenant_id = $1 AND used_at IS NOT NULL", tenant.Id));
        using var genuine = await SendAsync(client, "/api/v1/auth/refresh", new { }, cookieMode: true, cookie: cookie);
        Assert.Equal(HttpStatusCode.OK, genuine.StatusCode);
    }

    [Fact]
    public async Task Logout_in_cookie_mode_revokes_the_cookies_session_and_clears_the_cookie()
    {
        var tenant = await fixture.CreateAsync();
        using var client = NoCookieClient();
        using var login = await SendAsync(client, "/api/v1/auth/login", new { tenant = tenant.Slug, email = tenant.OwnerEmail, password = tenant.OwnerPassword }, cookieMode: true);
        var cookie = CookieValue(SetCookie(login));
        var accessToken = JsonDocument.Parse(await login.Content.ReadAsStringAsync()).RootElement.GetProperty("accessToken").GetString()!;

        using var logout = new HttpRequestMessage(HttpMethod.Post, "/api/v1/auth/logout");
        logout.Headers.Authorization = new("Bearer", accessToken);
        logout.Headers.Add("X-Refresh-Mode", "cookie");
        logout.Headers.Add("Cookie", $"{CookieName}={cookie}");
        using var loggedOut = await client.SendAsync(logout);

        Assert.Equal(HttpStatusCode.NoContent, loggedOut.StatusCode);
        var cleared = SetCookie(loggedOut);
        Assert.Equal(string.Empty, CookieValue(cleared));
        Assert.Contains("max-age=0", cleared.ToLowerInvariant(), StringComparison.Ordinal);
        Assert.Contains("path=/api/v1/auth", cleared.ToLowerInvariant(), StringComparison.Ordinal);
        using var refresh = await SendAsync(client, "/api/v1/auth/refresh", new { }, cookieMode: true, cookie: cookie);
        Assert.Equal(HttpStatusCode.Unauthorized, refresh.StatusCode);
    }

    private HttpClient NoCookieClient() => fixture.Factory.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false });

    private static async Task<string> CookieLoginAsync(HttpClient client, TestTenant tenant)
    {
        using var response = await SendAsync(client, "/api/v1/auth/login", new { tenant = tenant.Slug, email = tenant.OwnerEmail, password = tenant.OwnerPassword }, cookieMode: true);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return CookieValue(SetCookie(response));
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, string path, object? body, bool cookieMode, string? cookie = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path);
        if (body is not null)
        {
            request.Content = new StringContent(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json");
        }

        if (cookieMode)
        {
            request.Headers.Add("X-Refresh-Mode", "cookie");
        }

        if (cookie is not null)
        {
            request.Headers.Add("Cookie", $"{CookieName}={cookie}");
        }

        return await client.SendAsync(request);
    }

    private static string SetCookie(HttpResponseMessage response)
    {
        Assert.True(response.Headers.TryGetValues("Set-Cookie", out var values), "expected a Set-Cookie header");
        return Assert.Single(values, v => v.StartsWith(CookieName + "=", StringComparison.Ordinal));
    }

    private static string CookieValue(string setCookie) => setCookie.Split(';')[0][(CookieName.Length + 1)..];
}
