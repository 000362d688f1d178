using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using M3CoreCrm.IntegrationTests.Infrastructure;

namespace M3CoreCrm.IntegrationTests.Authorization;

[Collection("api")]
public sealed class ApiKeyTests(ApiFixture fixture)
{
    [Fact]
    public async Task A_key_is_shown_once_works_as_bearer_and_header_is_audited_as_itself_and_stops_when_revoked()
    {
        var team = await fixture.CreateTeamAsync();
        using var owner = fixture.ClientOf(team.Owner);

        var created = (await owner.PostJsonAsync("/api/v1/api-keys", new { name = "Zapier", roleId = team.RoleIds["Admin"], expiresAt = DateTimeOffset.UtcNow.AddDays(90) })).Expect(HttpStatusCode.Created);
        var secret = created.Json.GetProperty("secret").GetString()!;
        var key = created.Json.GetProperty("apiKey");
        var keyId = key.GetProperty("id").GetGuid();
        Assert.StartsWith($"m3k_{team.Tenant.Id:N}_", secret, StringComparison.Ordinal);
        Assert.Equal("active", key.GetProperty("status").GetString());
        Assert.Equal("Admin", key.GetProperty("roleName").GetString());
        Assert.EndsWith(secret[^4..], key.GetProperty("hint").GetString(), StringComparison.Ordinal);

        // Never shown again.
        var listed = (await owner.GetJsonAsync("/api/v1/api-keys")).Expect(HttpStatusCode.OK);
        Assert.DoesNotContain(secret[^20..], listed.Body, StringComparison.Ordinal);
        Assert.DoesNotContain(secret[^20..], (await owner.GetJsonAsync($"/api/v1/api-keys/{keyId}")).Body, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", (await owner.GetJsonAsync($"/api/v1/api-keys/{keyId}")).Body, StringComparison.Ordinal);

        using var bearer = fixture.CreateApiKeyClient(secret, asBearer: true);
        using var header = fixture.CreateApiKeyClient(secret);
        (await bearer.GetJsonAsync("/api/v1/users")).Expect(HttpStatusCode.OK);
        var group = (await header.PostJsonAsync("/api/v1/groups", new { name = "Imported team" })).Expect(HttpStatusCode.Created).Id;

        var audit = await owner.AuditOfAsync("group", group);
        var row = Assert.Single(audit, e => e.GetProperty("action").GetString() == "created");
        Assert.Equal("apiKey", row.GetProperty("actorKind").GetString());
        Assert.Equal(keyId, row.GetProperty("actorId").GetGuid());

        // A key is no user: no profile, no password.
        (await header.GetJsonAsync("/api/v1/me")).ExpectProblem(HttpStatusCode.Forbidden, "auth.user_required");
        (await header.PostJsonAsync("/api/v1/me/password", new { currentPassword = "x", newPassword = "Anything-Long-Enough-1" }))
            .ExpectProblem(HttpStatusCode.Forbidden, "auth.user_required");

        Assert.NotEqual(JsonValueKind.Null, (await owner.GetJsonAsync($"/api/v1/api-keys/{keyId}")).Json.GetProperty("lastUsedAt").ValueKind);

        var revoked = (await owner.PostJsonAsync($"/api/v1/api-keys/{keyId}/revoke")).Expect(HttpStatusCode.OK);
        Assert.Equal("revoked", revoked.Json.GetProperty("status").GetString());
        (await bearer.GetJsonAsync("/api/v1/users")).ExpectProblem(HttpStatusCode.Unauthorized, "auth.unauthenticated");
        (await header.GetJsonAsync("/api/v1/users")).Expect(HttpStatusCode.Unauthorized);
        (await owner.DeleteJsonAsync($"/api/v1/api-keys/{keyId}")).Expect(HttpStatusCode.NoContent); // revoking again changes nothing
        Assert.Single((await owner.GetJsonAsync("/api/v1/api-keys?status=revoked")).Json.GetProperty("items").EnumerateArray());
        Assert.Contains(await owner.AuditOfAsync("apiKey", keyId), e => e.GetProperty("action").GetString() == "updated");
    }

    [Fact]
    public async Task Delete_revokes_too()
    {
        var tenant = await fixture.CreateAsync();
        using var owner = await fixture.OwnerClientAsync(tenant);
        var (id, secret) = await owner.CreateApiKeyAsync((await owner.SystemRoleIdsAsync())["Viewer"]);
        using var key = fixture.CreateApiKeyClient(secret);
        (await key.GetJsonAsync("/api/v1/users")).ExpectProblem(HttpStatusCode.Forbidden, "auth.permission_denied"); // Viewer: no users.read

        (await owner.DeleteJsonAsync($"/api/v1/api-keys/{id}")).Expect(HttpStatusCode.NoContent);

        (await key.GetJsonAsync("/api/v1/users")).Expect(HttpStatusCode.Unauthorized);
        Assert.Equal("revoked", (await owner.GetJsonAsync($"/api/v1/api-keys/{id}")).Json.GetProperty("status").GetString());
    }

    [Fact]
    public async Task An_expired_key_is_refused()
    {
        var tenant = await fixture.CreateAsync();
        using var owner = await fixture.OwnerClientAsync(tenant);
        var expiresAt = DateTimeOffset.UtcNow.AddSeconds(3);
        var (id, secret) = await owner.CreateApiKeyAsync((await owner.SystemRoleIdsAsync())["Admin"], expiresAt);
        using var key = fixture.CreateApiKeyClient(secret);
        (await key.GetJsonAsync("/api/v1/users")).Expect(HttpStatusCode.OK);

        await Task.Delay(expiresAt - DateTimeOffset.UtcNow + TimeSpan.FromMilliseconds(300));

        (await key.GetJsonAsync("/api/v1/users")).Expect(HttpStatusCode.Unauthorized);
        Assert.Equal("expired", (await owner.GetJsonAsync($"/api/v1/api-keys/{id}")).Json.GetProperty("status").GetString());
        Assert.Single((await owner.GetJsonAsync("/api/v1/api-keys?status=expired")).Json.GetProperty("items").EnumerateArray());
        (await owner.PostJsonAsync("/api/v1/api-keys", new { name = "Past", roleId = (await owner.SystemRoleIdsAsync())["Admin"], expiresAt = DateTimeOffset.UtcNow.AddDays(-1) }))
            .ExpectProblem(HttpStatusCode.BadRequest, "validation.failed");
    }

    [Theory]
    [InlineData("m3k_garbage")]
    [InlineData("m3k_00000000000000000000000000000000_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("m3k_not-a-tenant-at-all-0000000000000_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    public async Task Unknown_or_malformed_keys_are_refused(string presented)
    {
        using var header = fixture.CreateApiKeyClient(presented);
        using var bearer = fixture.CreateApiKeyClient(presented, asBearer: true);

        (await header.GetJsonAsync("/api/v1/users")).Expect(HttpStatusCode.Unauthorized);
        (await bearer.GetJsonAsync("/api/v1/users")).Expect(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_forged_key_for_another_tenant_is_refused()
    {
        var victim = await fixture.CreateAsync();
        var attacker = await fixture.CreateAsync();
        using var attackerOwner = await fixture.OwnerClientAsync(attacker);
        var (_, secret) = await attackerOwner.CreateApiKeyAsync((await attackerOwner.SystemRoleIdsAsync())["Admin"]);

        // The attacker's own secret under the victim's tenant id: a different key, unknown there.
        var forged = $"m3k_{victim.Id:N}_{secret[37..]}";
        using var key = fixture.CreateApiKeyClient(forged);

        (await key.GetJsonAsync("/api/v1/users")).Expect(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_key_acts_with_its_roles_current_grants()
    {
        var tenant = await fixture.CreateAsync();
        using var owner = await fixture.OwnerClientAsync(tenant);
        var role = (await owner.PostJsonAsync("/api/v1/roles", new { name = "Sync", grants = new[] { new { permission = "users.read", scope = "all" } } })).Id;
        var (keyId, secret) = await owner.CreateApiKeyAsync(role);
        using var key = fixture.CreateApiKeyClient(secret);
        (await key.GetJsonAsync("/api/v1/users")).Expect(HttpStatusCode.OK);
        (await key.GetJsonAsync("/api/v1/groups")).Expect(HttpStatusCode.Forbidden);

        (await owner.PutJsonAsync($"/api/v1/roles/{role}/grants", new { grants = new[] { new { permission = "groups.read", scope = "all" } } })).Expect(HttpStatusCode.OK);

        (await key.GetJsonAsync("/api/v1/users")).Expect(HttpStatusCode.Forbidden);
        (await key.GetJsonAsync("/api/v1/groups")).Expect(HttpStatusCode.OK);

        // The role is held by a live key: it cannot be deleted until the key is revoked.
        var refused = (await owner.DeleteJsonAsync($"/api/v1/roles/{role}")).ExpectProblem(HttpStatusCode.Conflict, "role.in_use");
        Assert.Equal(1, refused.Json.GetProperty("apiKeyCount").GetInt32());
        (await owner.DeleteJsonAsync($"/api/v1/api-keys/{keyId}")).Expect(HttpStatusCode.NoContent);
        (await owner.DeleteJsonAsync($"/api/v1/roles/{role}")).Expect(HttpStatusCode.NoContent);
    }

    [Fact]
    public async Task Creating_a_key_needs_a_role_of_the_tenant()
    {
        var tenant = await fixture.CreateAsync();
        var other = await fixture.CreateAsync();
        using var owner = await fixture.OwnerClientAsync(tenant);
        using var otherOwner = await fixture.OwnerClientAsync(other);

        (await owner.PostJsonAsync("/api/v1/api-keys", new { name = "Foreign", roleId = (await otherOwner.SystemRoleIdsAsync())["Admin"], expiresAt = DateTimeOffset.UtcNow.AddDays(90) }))
            .ExpectProblem(HttpStatusCode.BadRequest, "apikey.unknown_role");
        (await owner.PostJsonAsync("/api/v1/api-keys", new { name = "", roleId = Guid.Empty }))
            .ExpectProblem(HttpStatusCode.BadRequest, "validation.failed");
        Assert.Empty((await owner.GetJsonAsync("/api/v1/api-keys")).Json.GetProperty("items").EnumerateArray());
    }

    [Fact]
    public async Task A_jwt_still_authenticates_next_to_the_api_key_scheme()
    {
        var tenant = await fixture.CreateAsync();
        var tokens = await fixture.LoginOwnerAsync(tenant);
        using var client = fixture.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", tokens.AccessToken);

        var me = (await client.GetJsonAsync("/api/v1/me")).Expect(HttpStatusCode.OK);

        Assert.Equal(tenant.OwnerId, me.Json.GetProperty("user").GetProperty("id").GetGuid());
    }
}
