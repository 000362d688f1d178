using System.Net;
using M3CoreCrm.IntegrationTests.Infrastructure;
using M3CoreCrm.IntegrationTests.RateLimiting;

namespace M3CoreCrm.IntegrationTests.Authorization;

/// <summary>API keys on several hosts sharing one Redis, as behind a load balancer.</summary>
[Collection("api")]
public sealed class ApiKeyScaleOutTests(ApiFixture fixture)
{
    [Fact]
    public async Task A_key_revoked_on_one_host_is_refused_by_the_other_at_once()
    {
        var redis = await fixture.GetRedisAsync();
        await using var first = await fixture.ConnectedRedisHostAsync(redis);
        await using var second = await fixture.ConnectedRedisHostAsync(redis);
        var tenant = await fixture.CreateAsync();
        using var owner = first.BearerClient((await fixture.LoginOwnerAsync(tenant)).AccessToken);
        var (keyId, secret) = await owner.CreateApiKeyAsync((await owner.SystemRoleIdsAsync())["Admin"]);
        using var onSecond = second.CreateClient();
        onSecond.DefaultRequestHeaders.Add("X-Api-Key", secret);

        (await onSecond.GetJsonAsync("/api/v1/users")).Expect(HttpStatusCode.OK); // the second host now caches the key for 5 s
        (await owner.PostJsonAsync($"/api/v1/api-keys/{keyId}/revoke")).Expect(HttpStatusCode.OK);

        (await onSecond.GetJsonAsync("/api/v1/users")).Expect(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_grant_change_on_one_host_reaches_a_key_on_the_other_at_once()
    {
        var redis = await fixture.GetRedisAsync();
        await using var first = await fixture.ConnectedRedisHostAsync(redis);
        await using var second = await fixture.ConnectedRedisHostAsync(redis);
        var tenant = await fixture.CreateAsync();
        using var owner = first.BearerClient((await fixture.LoginOwnerAsync(tenant)).AccessToken);
        var role = (await owner.PostJsonAsync("/api/v1/roles", new { name = "Sync", grants = new[] { new { permission = "users.read", scope = "all" } } })).Id;
        var (_, secret) = await owner.CreateApiKeyAsync(role);
        using var onSecond = second.CreateClient();
        onSecond.DefaultRequestHeaders.Add("X-Api-Key", secret);
        (await onSecond.GetJsonAsync("/api/v1/users")).Expect(HttpStatusCode.OK); // permissions cached on the second host

        (await owner.PutJsonAsync($"/api/v1/roles/{role}/grants", new { grants = Array.Empty<object>() })).Expect(HttpStatusCode.OK);

        (await onSecond.GetJsonAsync("/api/v1/users")).ExpectProblem(HttpStatusCode.Forbidden, "auth.permission_denied");
    }
}
