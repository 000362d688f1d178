using System.Net;
using M3CoreCrm.IntegrationTests.Authorization;
using M3CoreCrm.IntegrationTests.Infrastructure;

namespace M3CoreCrm.IntegrationTests.Identity;

/// <summary>API keys act within their creator's current permissions, always expire, and outrank nobody who revokes them.</summary>
[Collection("api")]
public sealed class ApiKeyLifetimeTests(ApiFixture fixture)
{
    [Fact]
    public async Task A_key_stops_working_when_its_creator_is_disabled()
    {
        var team = await fixture.CreateTeamAsync();
        using var owner = fixture.ClientOf(team.Owner);
        using var admin = fixture.ClientOf(team.Members["Admin"]);
        var (_, secret) = await admin.CreateApiKeyAsync(team.RoleIds["Viewer"]);
        using var key = fixture.CreateApiKeyClient(secret);
        Assert.Equal(HttpStatusCode.OK, (await key.GetAsync("/api/v1/leads")).StatusCode);

        var user = await owner.GetJsonAsync($"/api/v1/users/{team.Members["Admin"].Id}");
        (await owner.PostJsonAsync($"/api/v1/users/{team.Members["Admin"].Id}/disable")).Expect(HttpStatusCode.OK);

        Assert.NotEqual(HttpStatusCode.OK, (await key.GetAsync("/api/v1/leads")).StatusCode);
        await Task.Delay(TimeSpan.FromSeconds(5.5)); // past the key cache: the key itself is refused
        Assert.Equal(HttpStatusCode.Unauthorized, (await key.GetAsync("/api/v1/leads")).StatusCode);
        Assert.NotNull(user.ETag);
    }

    [Fact]
    public async Task A_key_loses_what_its_creator_loses()
    {
        var team = await fixture.CreateTeamAsync();
        using var owner = fixture.ClientOf(team.Owner);
        using var admin = fixture.ClientOf(team.Members["Admin"]);
        var (_, secret) = await admin.CreateApiKeyAsync(team.RoleIds["Admin"]);
        using var key = fixture.CreateApiKeyClient(secret);
        Assert.Equal(HttpStatusCode.OK, (await key.GetAsync("/api/v1/users")).StatusCode);

        (await owner.PutJsonAsync($"/api/v1/users/{team.Members["Admin"].Id}/roles", new { roleIds = new[] { team.RoleIds["Viewer"] } })).Expect(HttpStatusCode.OK);

        Assert.Equal(HttpStatusCode.Forbidden, (await key.GetAsync("/api/v1/users")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await key.GetAsync("/api/v1/leads")).StatusCode); // the Viewer part the creator still has
    }

    [Fact]
    public async Task Every_key_expires_within_the_maximum_lifetime()
    {
        var tenant = await fixture.CreateAsync();
        using var owner = await fixture.OwnerClientAsync(tenant);
        var viewer = (await owner.SystemRoleIdsAsync())["Viewer"];

        (await owner.PostJsonAsync("/api/v1/api-keys", new { name = "Forever", roleId = viewer }))
            .ExpectProblem(HttpStatusCode.BadRequest, "validation.failed");
        (await owner.PostJsonAsync("/api/v1/api-keys", new { name = "Two years", roleId = viewer, expiresAt = DateTimeOffset.UtcNow.AddYears(2) }))
            .ExpectProblem(HttpStatusCode.BadRequest, "validation.failed");
        (await owner.PostJsonAsync("/api/v1/api-keys", new { name = "A year", roleId = viewer, expiresAt = DateTimeOffset.UtcNow.AddDays(364) }))
            .Expect(HttpStatusCode.Created);
    }

    [Fact]
    public async Task Revoking_a_key_that_holds_more_than_the_caller_is_refused_and_audited()
    {
        var team = await fixture.CreateTeamAsync();
        using var owner = fixture.ClientOf(team.Owner);
        using var admin = fixture.ClientOf(team.Members["Admin"]);
        var (ownersKey, secret) = await owner.CreateApiKeyAsync(team.RoleIds["Owner"]);
        var (viewerKey, _) = await owner.CreateApiKeyAsync(team.RoleIds["Viewer"]);

        (await admin.PostJsonAsync($"/api/v1/api-keys/{ownersKey}/revoke")).ExpectProblem(HttpStatusCode.Forbidden, "apikey.outranks_caller");
        (await admin.DeleteJsonAsync($"/api/v1/api-keys/{ownersKey}")).ExpectProblem(HttpStatusCode.Forbidden, "apikey.outranks_caller");

        using var key = fixture.CreateApiKeyClient(secret);
        Assert.Equal(HttpStatusCode.OK, (await key.GetAsync("/api/v1/users")).StatusCode);
        Assert.Equal(2L, await fixture.ScalarAsync<long>(
            "SELECT count(*) FROM shared.audit_entries WHERE actor_id = $1 AND action = 'privilege_escalation.denied'", team.Members["Admin"].Id));
        (await admin.PostJsonAsync($"/api/v1/api-keys/{viewerKey}/revoke")).Expect(HttpStatusCode.OK);
    }
}
