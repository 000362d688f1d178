using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using M3CoreCrm.IntegrationTests.Infrastructure;

namespace M3CoreCrm.IntegrationTests.Identity;

/// <summary>Jwt:AccessTokenLifetime and Jwt:ClockSkew.</summary>
[Collection("api")]
public sealed class TokenLifetimeTests(ApiFixture fixture)
{
    [Fact]
    public async Task A_configured_short_lifetime_is_announced_and_enforced()
    {
        var tenant = await fixture.CreateAsync();
        var host = fixture.CreateFactory(("Jwt:AccessTokenLifetime", "00:00:05"), ("Jwt:ClockSkew", "00:00:00"));
        using var anonymous = host.CreateClient();

        using var login = await anonymous.PostAsJsonAsync("/api/v1/auth/login", new { tenant = tenant.Slug, email = tenant.OwnerEmail, password = tenant.OwnerPassword });
        var tokens = JsonSerializer.Deserialize<TestTokens>(await login.Content.ReadAsStringAsync(), JsonSerializerOptions.Web)!;
        Assert.Equal(5, tokens.ExpiresIn);

        using var client = host.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", tokens.AccessToken);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/me")).StatusCode);
        await Task.Delay(TimeSpan.FromSeconds(6));
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/v1/me")).StatusCode);
    }

    [Theory]
    [InlineData("Jwt:AccessTokenLifetime", "00:00:04")]
    [InlineData("Jwt:AccessTokenLifetime", "fifteen minutes")]
    [InlineData("Jwt:ClockSkew", "01:00:00")]
    public void A_lifetime_or_skew_out_of_bounds_stops_the_host(string key, string value)
    {
        var host = fixture.CreateFactory((key, value));

        var error = Assert.ThrowsAny<Exception>(() => host.CreateClient());

        Assert.Contains(key, error.ToString(), StringComparison.Ordinal);
    }
}
