using System.Net;
using System.Net.Http.Json;
using System.Text;
using M3CoreCrm.IntegrationTests.Authorization;
using M3CoreCrm.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;

namespace M3CoreCrm.IntegrationTests.Hosting;

/// <summary>Browser hardening headers on every kind of response, HSTS on HTTPS only, and no caching of secrets.</summary>
[Collection("api")]
public sealed class SecurityHeadersTests(ApiFixture fixture)
{
    private const string ExpectedPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; " +
        "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    public static TheoryData<string, string> Responses => new()
    {
        { "GET", "/health/live" },
        { "GET", "/api/v1/me" }, // 401 problem details
        { "GET", "/api/v1/no-such-route" }, // 404 from the status code pages
        { "POST", "/api/v1/auth/login" }, // malformed JSON: 400 through the exception handler, which clears headers
        { "GET", "/swagger/index.html" },
        { "GET", "/swagger/index.js" },
        { "GET", "/swagger/v1/swagger.json" },
    };

    [Theory]
    [MemberData(nameof(Responses))]
    public async Task Every_response_carries_the_security_headers(string method, string path)
    {
        using var client = fixture.CreateClient();
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (method == "POST")
        {
            request.Content = new StringContent("{not json", Encoding.UTF8, "application/json");
        }

        using var response = await client.SendAsync(request);

        Assert.True((int)response.StatusCode < 500, $"{method} {path} gave {(int)response.StatusCode}");
        Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
        Assert.Equal("no-referrer", Header(response, "Referrer-Policy"));
        Assert.Equal("DENY", Header(response, "X-Frame-Options"));
        Assert.Equal(ExpectedPolicy, Header(response, "Content-Security-Policy"));
    }

    [Fact]
    public async Task Hsts_is_sent_on_https_requests_only()
    {
        using var https = fixture.Factory.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://crm.example.test") });
        using var http = fixture.Factory.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("http://crm.example.test") });

        using var secure = await https.GetAsync(new Uri("/health/live", UriKind.Relative));
        using var plain = await http.GetAsync(new Uri("/health/live", UriKind.Relative));

        Assert.Equal("max-age=31536000", Header(secure, "Strict-Transport-Security"));
        Assert.Null(Header(plain, "Strict-Transport-Security"));
    }

    [Fact]
    public async Task Token_responses_are_not_stored_and_ordinary_reads_are_left_alone()
    {
        var tenant = await fixture.CreateAsync();
        using var client = fixture.CreateClient();

        using var login = await client.PostAsJsonAsync("/api/v1/auth/login", new { tenant = tenant.Slug, email = tenant.OwnerEmail, password = tenant.OwnerPassword });
        var tokens = await login.Content.ReadFromJsonAsync<TestTokens>();
        client.DefaultRequestHeaders.Authorization = new("Bearer", tokens!.AccessToken);
        using var me = await client.GetAsync(new Uri("/api/v1/me", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        Assert.Contains("no-store", Header(login, "Cache-Control"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
        Assert.Null(Header(me, "Cache-Control"));
    }

    [Fact]
    public async Task A_new_api_key_is_not_stored()
    {
        var tenant = await fixture.CreateAsync();
        using var client = await fixture.OwnerClientAsync(tenant);

        var roleId = (await client.SystemRoleIdsAsync())["Viewer"];

        using var created = await client.PostAsJsonAsync("/api/v1/api-keys", new { name = "integration", roleId, expiresAt = DateTimeOffset.UtcNow.AddDays(30) });

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Contains("no-store", Header(created, "Cache-Control"), StringComparison.Ordinal);
    }

    internal static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values)
            ? string.Join(", ", values)
            : null;
}
