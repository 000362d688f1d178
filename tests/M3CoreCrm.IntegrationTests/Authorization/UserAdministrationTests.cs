using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using M3CoreCrm.IntegrationTests.Infrastructure;

namespace M3CoreCrm.IntegrationTests.Authorization;

[Collection("api")]
public sealed class UserAdministrationTests(ApiFixture fixture)
{
    [Fact]
    public async Task Create_read_list_and_patch_users()
    {
        var tenant = await fixture.CreateAsync();
        using var owner = await fixture.OwnerClientAsync(tenant);
        var roles = await owner.SystemRoleIdsAsync();
        var group = (await owner.PostJsonAsync("/api/v1/groups", new { name = "Palm" })).Id;

        var created = (await owner.PostJsonAsync("/api/v1/users", new
        {
            email = $"Nadia@{tenant.Slug}.test",
            displayName = "Nadia Agent",
            password = TestTeam.Password,
            roleIds = new[] { roles["Agent"] },
            groupIds = new[] { group },
        })).Expect(HttpStatusCode.Created);
        var id = created.Id;
        Assert.Equal("active", created.Json.GetProperty("status").GetString());
        Assert.Equal("Agent", Assert.Single(created.Json.GetProperty("roles").EnumerateArray()).GetProperty("name").GetString());
        Assert.Equal(group, Assert.Single(created.Json.GetProperty("groups").EnumerateArray()).GetProperty("id").GetGuid());
        Assert.DoesNotContain("password", created.Body.Replace("passwordChangedAt", string.Empty, StringComparison.Ordinal), StringComparison.OrdinalIgnoreCase);
        await fixture.LoginAsync(tenant.Slug, $"nadia@{tenant.Slug}.test", TestTeam.Password);

        var list = (await owner.GetJsonAsync($"/api/v1/users?q=NADIA")).Expect(HttpStatusCode.OK).Json.GetProperty("items");
        Assert.Equal(id, Assert.Single(list.EnumerateArray()).GetProperty("id").GetGuid());
        Assert.Single((await owner.GetJsonAsync($"/api/v1/users?roleId={roles["Agent"]}")).Json.GetProperty("items").EnumerateArray());
        Assert.Single((await owner.GetJsonAsync($"/api/v1/users?groupId={group}")).Json.GetProperty("items").EnumerateArray());
        Assert.Equal(2, (await owner.GetJsonAsync("/api/v1/users?status=active")).Json.GetProperty("items").GetArrayLength());
        Assert.Empty((await owner.GetJsonAsync("/api/v1/users?status=disabled")).Json.GetProperty("items").EnumerateArray());
        (await owner.GetJsonAsync("/api/v1/users?status=gone")).ExpectProblem(HttpStatusCode.BadRequest, "user.invalid_status");
        (await owner.GetJsonAsync("/api/v1/users?q=%25")).Expect(HttpStatusCode.OK); // a wildcard character is searched literally

        var read = (await owner.GetJsonAsync($"/api/v1/users/{id}")).Expect(HttpStatusCode.OK);
        var patched = (await owner.PatchJsonAsync($"/api/v1/users/{id}", new { displayName = "Nadia K." }, read.ETag)).Expect(HttpStatusCode.OK);
        Assert.Equal("Nadia K.", patched.Json.GetProperty("displayName").GetString());
        (await owner.PatchJsonAsync($"/api/v1/users/{id}", new { displayName = "Stale" }, read.ETag)).ExpectProblem(HttpStatusCode.PreconditionFailed, "request.precondition_failed");
        (await owner.PatchJsonAsync($"/api/v1/users/{id}", new { email = "x@y.test" })).Expect(HttpStatusCode.BadRequest);
        (await owner.PatchJsonAsync($"/api/v1/users/{id}", "{\"displayName\":null}")).ExpectProblem(HttpStatusCode.BadRequest, "validation.failed");
        (await owner.GetJsonAsync($"/api/v1/users/{Guid.NewGuid()}")).ExpectProblem(HttpStatusCode.NotFound, "user.not_found");
    }

    [Fact]
    public async Task Creating_a_user_refuses_bad_input_and_creates_nothing()
    {
        var tenant = await fixture.CreateAsync();
        var other = await fixture.CreateAsync();
        using var owner = await fixture.OwnerClientAsync(tenant);
        using var otherOwner = await fixture.OwnerClientAsync(other);
        var agent = (await owner.SystemRoleIdsAsync())["Agent"];
        var foreignRole = (await otherOwner.SystemRoleIdsAsync())["Agent"];
        var email = $"new@{tenant.Slug}.test";

        (await owner.PostJsonAsync("/api/v1/users", new { email, displayName = "New", password = "password1234", roleIds = new[] { agent } }))
            .ExpectProblem(HttpStatusCode.BadRequest, "auth.weak_password");
        (await owner.PostJsonAsync("/api/v1/users", new { email, displayName = "New", password = "short", roleIds = new[] { agent } }))
            .ExpectProblem(HttpStatusCode.BadRequest, "auth.weak_password");
        (await owner.PostJsonAsync("/api/v1/users", new { email, displayName = "New", password = TestTeam.Password, roleIds = new[] { foreignRole } }))
            .ExpectProblem(HttpStatusCode.BadRequest, "user.unknown_roles");
        (await owner.PostJsonAsync("/api/v1/users", new { email, displayName = "New", password = TestTeam.Password, roleIds = Array.Empty<Guid>() }))
            .ExpectProblem(HttpStatusCode.BadRequest, "validation.failed");
        (await owner.PostJsonAsync("/api/v1/users", new { email = "not-an-email", displayName = "New", password = TestTeam.Password, roleIds = new[] { agent } }))
            .ExpectProblem(HttpStatusCode.BadRequest, "validation.failed");
        (await owner.PostJsonAsync("/api/v1/users", new { email = tenant.OwnerEmail.ToUpperInvariant(), displayName = "Twin", password = TestTeam.Password, roleIds = new[] { agent } }))
            .ExpectProblem(HttpStatusCode.Conflict, "user.duplicate_email");

        Assert.Single((await owner.GetJsonAsync("/api/v1/users")).Json.GetProperty("items").EnumerateArray());
    }

    [Fact]
    public async Task Disabling_revokes_sessions_at_once_and_enabling_allows_login_again()
    {
        var team = await fixture.CreateTeamAsync();
        using var owner = fixture.ClientOf(team.Owner);
        var agent = team.Members["Agent"];
        using var agentClient = fixture.ClientOf(agent);
        (await agentClient.GetJsonAsync("/api/v1/me")).Expect(HttpStatusCode.OK);

        var disabled = (await owner.PostJsonAsync($"/api/v1/users/{agent.Id}/disable")).Expect(HttpStatusCode.OK);
        Assert.Equal("disabled", disabled.Json.GetProperty("status").GetString());

        (await agentClient.GetJsonAsync("/api/v1/me")).Expect(HttpStatusCode.Unauthorized);
        using var plain = fixture.CreateClient();
        using var refresh = await plain.PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken = agent.Tokens.RefreshToken });
        Assert.Equal(HttpStatusCode.Unauthorized, refresh.StatusCode);
        using var login = await plain.PostAsJsonAsync("/api/v1/auth/login", new { tenant = team.Tenant.Slug, email = agent.Email, password = agent.Password });
        Assert.Equal(HttpStatusCode.Forbidden, login.StatusCode);
        Assert.Single((await owner.GetJsonAsync("/api/v1/users?status=disabled")).Json.GetProperty("items").EnumerateArray());
        (await owner.PostJsonAsync($"/api/v1/users/{agent.Id}/disable")).Expect(HttpStatusCode.OK); // already disabled: no change

        (await owner.PostJsonAsync($"/api/v1/users/{agent.Id}/enable")).Expect(HttpStatusCode.OK);
        (await agentClient.GetJsonAsync("/api/v1/me")).Expect(HttpStatusCode.Unauthorized); // the old session stays revoked
        var again = await fixture.LoginAsync(team.Tenant.Slug, agent.Email, agent.Password);
        using var agentAgain = fixture.CreateClient(again.AccessToken);
        (await agentAgain.GetJsonAsync("/api/v1/me")).Expect(HttpStatusCode.OK);

        var audit = await owner.AuditOfAsync("user", agent.Id);
        Assert.Contains(audit, e => e.GetProperty("action").GetString() == "updated"
            && e.GetProperty("changes").GetProperty("status").GetProperty("new").GetString() == "disabled");
    }

    [Fact]
    public async Task The_last_active_owner_cannot_be_demoted_or_disabled()
    {
        var team = await fixture.CreateTeamAsync();
        using var owner = fixture.ClientOf(team.Owner);
        var ownerRole = team.RoleIds["Owner"];
        var adminRole = team.RoleIds["Admin"];

        (await owner.PutJsonAsync($"/api/v1/users/{team.Owner.Id}/roles", new { roleIds = new[] { adminRole } }))
            .ExpectProblem(HttpStatusCode.Conflict, "user.last_owner");
        (await owner.PostJsonAsync($"/api/v1/users/{team.Owner.Id}/disable")).ExpectProblem(HttpStatusCode.Conflict, "user.last_owner");

        // An Owner-role API key (no user of its own) is refused as well, and an Admin is outranked.
        var (_, ownerKey) = await owner.CreateApiKeyAsync(ownerRole);
        using var keyClient = fixture.CreateApiKeyClient(ownerKey);
        (await keyClient.PostJsonAsync($"/api/v1/users/{team.Owner.Id}/disable")).ExpectProblem(HttpStatusCode.Conflict, "user.last_owner");
        using var admin = fixture.ClientOf(team.Members["Admin"]);
        (await admin.PostJsonAsync($"/api/v1/users/{team.Owner.Id}/disable")).ExpectProblem(HttpStatusCode.Forbidden, "user.outranks_caller");
        Assert.Equal("Owner", Assert.Single((await owner.GetJsonAsync($"/api/v1/users/{team.Owner.Id}")).Json.GetProperty("roles").EnumerateArray()).GetProperty("name").GetString());

        // With a second Owner, the first can step down; then the second is the last one.
        var second = team.Members["Admin"];
        (await owner.PutJsonAsync($"/api/v1/users/{second.Id}/roles", new { roleIds = new[] { ownerRole } })).Expect(HttpStatusCode.OK);
        (await owner.PutJsonAsync($"/api/v1/users/{team.Owner.Id}/roles", new { roleIds = new[] { adminRole } })).Expect(HttpStatusCode.OK);
        using var secondClient = fixture.ClientOf(second);
        (await secondClient.PostJsonAsync($"/api/v1/users/{second.Id}/disable")).ExpectProblem(HttpStatusCode.Conflict, "user.last_owner");

        // The first Owner's key shrank with its creator (now an Admin): it no longer outranks an Owner.
        (await keyClient.PostJsonAsync($"/api/v1/users/{second.Id}/disable")).ExpectProblem(HttpStatusCode.Forbidden, "user.outranks_caller");

        // A disabled Owner does not count: re-promote the first, disable the second, and the first is the last again.
        (await secondClient.PutJsonAsync($"/api/v1/users/{team.Owner.Id}/roles", new { roleIds = new[] { ownerRole } })).Expect(HttpStatusCode.OK);
        (await secondClient.PostJsonAsync($"/api/v1/users/{team.Owner.Id}/disable")).Expect(HttpStatusCode.OK);
        (await secondClient.PostJsonAsync($"/api/v1/users/{second.Id}/disable")).ExpectProblem(HttpStatusCode.Conflict, "user.last_owner");
        (await secondClient.PutJsonAsync($"/api/v1/users/{second.Id}/roles", new { roleIds = new[] { adminRole } })).ExpectProblem(HttpStatusCode.Conflict, "user.last_owner");
    }

    [Fact]
    public async Task Concurrent_demotions_of_the_last_two_owners_leave_one()
    {
        var team = await fixture.CreateTeamAsync();
        using var owner = fixture.ClientOf(team.Owner);
        var second = team.Members["Admin"];
        (await owner.PutJsonAsync($"/api/v1/users/{second.Id}/roles", new { roleIds = new[] { team.RoleIds["Owner"] } })).Expect(HttpStatusCode.OK);
        var (_, key) = await owner.CreateApiKeyAsync(team.RoleIds["Owner"]);
        using var keyClient = fixture.CreateApiKeyClient(key);

        var answers = await Task.WhenAll(
            keyClient.PostJsonAsync($"/api/v1/users/{team.Owner.Id}/disable"),
            keyClient.PostJsonAsync($"/api/v1/users/{second.Id}/disable"));

        // The key's creator is one of the two: once the demotion of the creator commits, a request of the key that is
        // authorized after it is refused (403) before reaching the guard; either way exactly one Owner stays.
        Assert.Single(answers, a => a.Status == HttpStatusCode.OK);
        Assert.Single(answers, a => (a.Status == HttpStatusCode.Conflict && a.Code == "user.last_owner")
            || (a.Status == HttpStatusCode.Forbidden && a.Code == "auth.permission_denied" && answers[0].Status == HttpStatusCode.OK));
        var survivor = answers[0].Status == HttpStatusCode.OK ? second : team.Owner;
        var demoted = answers[0].Status == HttpStatusCode.OK ? team.Owner : second;
        using var survivorClient = fixture.ClientOf(survivor);
        Assert.Equal("active", (await survivorClient.GetJsonAsync($"/api/v1/users/{survivor.Id}")).Json.GetProperty("status").GetString());
        Assert.Equal("disabled", (await survivorClient.GetJsonAsync($"/api/v1/users/{demoted.Id}")).Json.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Nobody_disables_themselves()
    {
        var team = await fixture.CreateTeamAsync();
        using var admin = fixture.ClientOf(team.Members["Admin"]);

        (await admin.PostJsonAsync($"/api/v1/users/{team.Members["Admin"].Id}/disable")).ExpectProblem(HttpStatusCode.Conflict, "user.cannot_disable_self");
        (await admin.GetJsonAsync("/api/v1/me")).Expect(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Admins_cannot_take_over_owners()
    {
        var team = await fixture.CreateTeamAsync();
        using var admin = fixture.ClientOf(team.Members["Admin"]);

        (await admin.PostJsonAsync($"/api/v1/users/{team.Owner.Id}/reset-password", new { newPassword = "Taken-Over-By-Admin-1" }))
            .ExpectProblem(HttpStatusCode.Forbidden, "user.outranks_caller");
        (await admin.PutJsonAsync($"/api/v1/users/{team.Members["Admin"].Id}/roles", new { roleIds = new[] { team.RoleIds["Owner"] } }))
            .ExpectProblem(HttpStatusCode.Forbidden, "auth.privilege_escalation");
        (await admin.PostJsonAsync("/api/v1/users", new { email = $"ghost@{team.Tenant.Slug}.test", displayName = "Ghost", password = TestTeam.Password, roleIds = new[] { team.RoleIds["Owner"] } }))
            .ExpectProblem(HttpStatusCode.Forbidden, "auth.privilege_escalation");
        (await admin.PostJsonAsync("/api/v1/api-keys", new { name = "Backdoor", roleId = team.RoleIds["Owner"], expiresAt = DateTimeOffset.UtcNow.AddDays(30) }))
            .ExpectProblem(HttpStatusCode.Forbidden, "auth.privilege_escalation");
        await fixture.LoginOwnerAsync(team.Tenant);

        // Peers and lower roles are fair game.
        (await admin.PostJsonAsync($"/api/v1/users/{team.Members["Agent"].Id}/reset-password", new { newPassword = "Fresh-Start-Morning-22" }))
            .Expect(HttpStatusCode.NoContent);
    }

    [Fact]
    public async Task Reset_password_ends_the_users_sessions_and_sets_the_new_password()
    {
        var team = await fixture.CreateTeamAsync();
        using var owner = fixture.ClientOf(team.Owner);
        var agent = team.Members["Agent"];
        using var agentClient = fixture.ClientOf(agent);

        (await owner.PostJsonAsync($"/api/v1/users/{agent.Id}/reset-password", new { newPassword = "password1234" })).ExpectProblem(HttpStatusCode.BadRequest, "auth.weak_password");
        (await agentClient.GetJsonAsync("/api/v1/me")).Expect(HttpStatusCode.OK);

        (await owner.PostJsonAsync($"/api/v1/users/{agent.Id}/reset-password", new { newPassword = "Sandy-Dunes-Evening-4" })).Expect(HttpStatusCode.NoContent);

        (await agentClient.GetJsonAsync("/api/v1/me")).Expect(HttpStatusCode.Unauthorized);
        using var plain = fixture.CreateClient();
        using var oldLogin = await plain.PostAsJsonAsync("/api/v1/auth/login", new { tenant = team.Tenant.Slug, email = agent.Email, password = agent.Password });
        Assert.Equal(HttpStatusCode.Unauthorized, oldLogin.StatusCode);
        await fixture.LoginAsync(team.Tenant.Slug, agent.Email, "Sandy-Dunes-Evening-4");
        Assert.Contains(await owner.AuditOfAsync("user", agent.Id), e => e.GetProperty("action").GetString() == "password.reset");
    }

    [Fact]
    public async Task Changing_my_password_keeps_this_session_and_ends_the_others()
    {
        var team = await fixture.CreateTeamAsync();
        var agent = team.Members["Agent"];
        using var laptop = fixture.ClientOf(agent);
        var phoneTokens = await fixture.LoginAsync(team.Tenant.Slug, agent.Email, agent.Password);
        using var phone = fixture.CreateClient(phoneTokens.AccessToken);

        (await laptop.PostJsonAsync("/api/v1/me/password", new { currentPassword = "Wrong-Password-123", newPassword = "Brand-New-Secret-55" }))
            .ExpectProblem(HttpStatusCode.BadRequest, "auth.invalid_current_password");
        (await laptop.PostJsonAsync("/api/v1/me/password", new { currentPassword = agent.Password, newPassword = agent.Password }))
            .ExpectProblem(HttpStatusCode.BadRequest, "auth.password_unchanged");
        (await laptop.PostJsonAsync("/api/v1/me/password", new { currentPassword = agent.Password, newPassword = "aaaaaaaaaaaa" }))
            .ExpectProblem(HttpStatusCode.BadRequest, "auth.weak_password");
        (await phone.GetJsonAsync("/api/v1/me")).Expect(HttpStatusCode.OK);

        (await laptop.PostJsonAsync("/api/v1/me/password", new { currentPassword = agent.Password, newPassword = "Brand-New-Secret-55" })).Expect(HttpStatusCode.NoContent);

        (await laptop.GetJsonAsync("/api/v1/me")).Expect(HttpStatusCode.OK);
        (await phone.GetJsonAsync("/api/v1/me")).Expect(HttpStatusCode.Unauthorized);
        await fixture.LoginAsync(team.Tenant.Slug, agent.Email, "Brand-New-Secret-55");
    }

    [Fact]
    public async Task The_plans_user_limit_counts_active_users()
    {
        using var platform = fixture.CreateClient();
        platform.DefaultRequestHeaders.Add("X-Platform-Key", fixture.PlatformApiKey);
        var slug = "t-" + Guid.NewGuid().ToString("N")[..12];
        var provisioned = (await platform.PostJsonAsync("/api/v1/platform/tenants", new
        {
            slug,
            name = "Small office",
            limits = new { maxUsers = 2 },
            ownerEmail = $"owner@{slug}.test",
            ownerPassword = TestTenants.OwnerPassword,
        })).Expect(HttpStatusCode.Created).Json;
        using var owner = fixture.CreateClient((await fixture.LoginAsync(slug, $"owner@{slug}.test", TestTenants.OwnerPassword)).AccessToken);
        var agent = (await owner.SystemRoleIdsAsync())["Agent"];
        Assert.Equal(JsonValueKind.Object, provisioned.ValueKind);

        var first = await owner.CreateUserAsync($"one@{slug}.test", TestTeam.Password, agent);
        (await owner.PostJsonAsync("/api/v1/users", new { email = $"two@{slug}.test", displayName = "Two", password = TestTeam.Password, roleIds = new[] { agent } }))
            .ExpectProblem(HttpStatusCode.Conflict, "tenant.user_limit");
        (await owner.PostJsonAsync($"/api/v1/users/{first}/disable")).Expect(HttpStatusCode.OK);
        var second = await owner.CreateUserAsync($"two@{slug}.test", TestTeam.Password, agent);
        (await owner.PostJsonAsync($"/api/v1/users/{first}/enable")).ExpectProblem(HttpStatusCode.Conflict, "tenant.user_limit");
        Assert.NotEqual(first, second);
    }
}
