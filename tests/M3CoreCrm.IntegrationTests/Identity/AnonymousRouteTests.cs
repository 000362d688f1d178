using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using M3CoreCrm.IntegrationTests.Infrastructure;

namespace M3CoreCrm.IntegrationTests.Identity;

/// <summary>Login and refresh ignore whatever credential the request carries (a browser may still send an old token).</summary>
[Collection("api")]
public sealed class AnonymousRouteTests(ApiFixture fixture)
{
    [Fact]
    public async Task Login_to_one_tenant_while_carrying_another_tenants_token_succeeds()
    {
        var a = await fixture.CreateAsync();
        var b = await fixture.CreateAsync();
        var tokenOfA = await fixture.LoginOwnerAsync(a);
        using var client = fixture.CreateClient(tokenOfA.AccessToken);

        using var login = await client.PostAsJsonAsync("/api/v1/auth/login", new { tenant = b.Slug, email = b.OwnerEmail, password = b.OwnerPassword });

        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        var tokens = JsonSerializer.Deserialize<TestTokens>(await login.Content.ReadAsStringAsync(), JsonSerializerOptions.Web)!;
        Assert.StartsWith(b.Id.ToString("N") + ".", tokens.RefreshToken, StringComparison.Ordinal);

        using var refresh = await client.PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken = tokens.RefreshToken });
        Assert.Equal(HttpStatusCode.OK, refresh.StatusCode);
    }

    [Fact]
    public async Task A_wrong_login_while_carrying_another_tenants_token_is_the_usual_401()
    {
        var a = await fixture.CreateAsync();
        var b = await fixture.CreateAsync();
        using var client = fixture.CreateClient((await fixture.LoginOwnerAsync(a)).AccessToken);

        using var login = await client.PostAsJsonAsync("/api/v1/auth/login", new { tenant = b.Slug, email = b.OwnerEmail, password = "Wrong-Password-123" });

        Assert.Equal(HttpStatusCode.Unauthorized, login.StatusCode);
        using var problem = JsonDocument.Parse(await login.Content.ReadAsStringAsync());
        Assert.Equal("auth.invalid_credentials", problem.RootElement.GetProperty("code").GetString());
    }
}
