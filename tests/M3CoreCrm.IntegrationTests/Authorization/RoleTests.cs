using System.Net;
using System.Text.Json;
using M3CoreCrm.BuildingBlocks.Authorization;
using M3CoreCrm.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace M3CoreCrm.IntegrationTests.Authorization;

[Collection("api")]
public sealed class RoleTests(ApiFixture fixture)
{
    [Fact]
    public async Task Custom_role_create_read_patch_regrant_delete()
    {
        var tenant = await fixture.CreateAsync();
        using var owner = await fixture.OwnerClientAsync(tenant);

        var created = (await owner.PostJsonAsync("/api/v1/roles", new
        {
            name = "Auditors",
            description = "Read the audit log",
            grants = new[] { new { permission = "audit.read", scope = "all" }, new { permission = "users.read", scope = "all" } },
        })).Expect(HttpStatusCode.Created);
        var id = created.Id;
        Assert.False(created.Json.GetProperty("isSystem").GetBoolean());
        Assert.Equal(["audit.read", "users.read"], Permissions(created.Json));
        Assert.NotNull(created.ETag);

        var read = (await owner.GetJsonAsync($"/api/v1/roles/{id}")).Expect(HttpStatusCode.OK);
        Assert.Equal(created.ETag, read.ETag);

        // Merge patch: only the members present change; null clears.
        var renamed = (await owner.PatchJsonAsync($"/api/v1/roles/{id}", new { name = "Audit team" }, read.ETag)).Expect(HttpStatusCode.OK);
        Assert.Equal("Audit team", renamed.Json.GetProperty("name").GetString());
        Assert.Equal("Read the audit log", renamed.Json.GetProperty("description").GetString());
        Assert.NotEqual(read.ETag, renamed.ETag);
        var cleared = (await owner.PatchJsonAsync($"/api/v1/roles/{id}", "{\"description\":null}")).Expect(HttpStatusCode.OK);
        Assert.Equal(JsonValueKind.Null, cleared.Json.GetProperty("description").ValueKind);
        Assert.Equal("Audit team", cleared.Json.GetProperty("name").GetString());

        // A stale If-Match changes nothing.
        (await owner.PatchJsonAsync($"/api/v1/roles/{id}", new { name = "Stale" }, read.ETag))
            .ExpectProblem(HttpStatusCode.PreconditionFailed, "request.precondition_failed");
        Assert.Equal("Audit team", (await owner.GetJsonAsync($"/api/v1/roles/{id}")).Json.GetProperty("name").GetString());

        // Replacing the grants moves the ETag too.
        var regranted = (await owner.PutJsonAsync($"/api/v1/roles/{id}/grants", new { grants = new[] { new { permission = "groups.read", scope = "all" } } }, cleared.ETag))
            .Expect(HttpStatusCode.OK);
        Assert.Equal(["groups.read"], Permissions(regranted.Json));
        Assert.NotEqual(cleared.ETag, regranted.ETag);
        (await owner.PutJsonAsync($"/api/v1/roles/{id}/grants", new { grants = Array.Empty<object>() }, cleared.ETag))
            .Expect(HttpStatusCode.PreconditionFailed);

        var listed = (await owner.GetJsonAsync("/api/v1/roles?q=audit")).Expect(HttpStatusCode.OK).Json.GetProperty("items");
        Assert.Equal(id, Assert.Single(listed.EnumerateArray()).GetProperty("id").GetGuid());

        (await owner.DeleteJsonAsync($"/api/v1/roles/{id}", cleared.ETag)).Expect(HttpStatusCode.PreconditionFailed);
        (await owner.DeleteJsonAsync($"/api/v1/roles/{id}", regranted.ETag)).Expect(HttpStatusCode.NoContent);
        (await owner.GetJsonAsync($"/api/v1/roles/{id}")).ExpectProblem(HttpStatusCode.NotFound, "role.not_found");
    }

    [Fact]
    public async Task Roles_list_is_keyset_paged_and_sorted()
    {
        var tenant = await fixture.CreateAsync();
        using var owner = await fixture.OwnerClientAsync(tenant);

        var first = (await owner.GetJsonAsync("/api/v1/roles?limit=2&includeTotal=true")).Expect(HttpStatusCode.OK).Json;
        var second = (await owner.GetJsonAsync($"/api/v1/roles?limit=2&cursor={first.GetProperty("nextCursor").GetString()}")).Expect(HttpStatusCode.OK).Json;
        var third = (await owner.GetJsonAsync($"/api/v1/roles?limit=2&cursor={second.GetProperty("nextCursor").GetString()}")).Expect(HttpStatusCode.OK).Json;

        Assert.Equal(5, first.GetProperty("total").GetInt64());
        var names = new[] { first, second, third }.SelectMany(p => p.GetProperty("items").EnumerateArray()).Select(r => r.GetProperty("name").GetString()).ToList();
        Assert.Equal(["Admin", "Agent", "Manager", "Owner", "Viewer"], names);
        Assert.Equal(JsonValueKind.Null, third.GetProperty("nextCursor").ValueKind);
        (await owner.GetJsonAsync("/api/v1/roles?sort=secret")).ExpectProblem(HttpStatusCode.BadRequest, "paging.invalid_sort");
    }

    [Fact]
    public async Task Grant_validation_names_unknown_permissions_duplicates_and_scopes_and_creates_nothing()
    {
        var tenant = await fixture.CreateAsync();
        using var owner = await fixture.OwnerClientAsync(tenant);

        var bad = (await owner.PostJsonAsync("/api/v1/roles", new
        {
            name = "Broken",
            grants = new object[]
            {
                new { permission = "leads.fly", scope = "all" },
                new { permission = "users.read", scope = "own" },
                new { permission = "audit.read", scope = "all" },
                new { permission = "audit.read", scope = "all" },
                new { permission = "groups.read" },
            },
        })).ExpectProblem(HttpStatusCode.BadRequest, "validation.failed");

        var errors = bad.Json.GetProperty("errors");
        Assert.Contains("leads.fly", errors.GetProperty("grants[0].permission")[0].GetString(), StringComparison.Ordinal);
        Assert.Contains("administrative", errors.GetProperty("grants[1].scope")[0].GetString(), StringComparison.Ordinal);
        Assert.Contains("audit.read", errors.GetProperty("grants")[0].GetString(), StringComparison.Ordinal);
        Assert.True(errors.TryGetProperty("grants[4].scope", out _));
        (await owner.PostJsonAsync("/api/v1/roles", new { name = "Broken", grants = new[] { new { permission = "users.read", scope = "everything" } } }))
            .Expect(HttpStatusCode.BadRequest);
        Assert.Equal(5, (await owner.GetJsonAsync("/api/v1/roles?includeTotal=true")).Json.GetProperty("total").GetInt64());

        // The same rules when replacing grants: the role keeps its grants.
        var role = (await owner.PostJsonAsync("/api/v1/roles", new { name = "Readers", grants = new[] { new { permission = "users.read", scope = "all" } } })).Id;
        (await owner.PutJsonAsync($"/api/v1/roles/{role}/grants", new { grants = new[] { new { permission = "nope.nothing", scope = "all" } } }))
            .ExpectProblem(HttpStatusCode.BadRequest, "validation.failed");
        (await owner.PutJsonAsync($"/api/v1/roles/{role}/grants", new { grants = new[] { new { permission = "roles.read", scope = "all" }, new { permission = "roles.read", scope = "all" } } }))
            .ExpectProblem(HttpStatusCode.BadRequest, "validation.failed");
        Assert.Equal(["users.read"], Permissions((await owner.GetJsonAsync($"/api/v1/roles/{role}")).Json));

        // Names are unique per tenant, case-insensitively (system roles included).
        (await owner.PostJsonAsync("/api/v1/roles", new { name = "readers" })).ExpectProblem(HttpStatusCode.Conflict, "role.duplicate_name");
        (await owner.PostJsonAsync("/api/v1/roles", new { name = "Owner" })).ExpectProblem(HttpStatusCode.Conflict, "role.duplicate_name");
        (await owner.PatchJsonAsync($"/api/v1/roles/{role}", new { name = "" })).ExpectProblem(HttpStatusCode.BadRequest, "validation.failed");
        (await owner.PatchJsonAsync($"/api/v1/roles/{role}", new { colour = "red" })).Expect(HttpStatusCode.BadRequest);
    }

    [Theory]
    [InlineData("Owner")]
    [InlineData("Admin")]
    [InlineData("Viewer")]
    public async Task System_roles_cannot_be_changed_or_deleted(string name)
    {
        var tenant = await fixture.CreateAsync();
        using var owner = await fixture.OwnerClientAsync(tenant);
        var id = (await owner.SystemRoleIdsAsync())[name];
        var before = (await owner.GetJsonAsync($"/api/v1/roles/{id}")).Expect(HttpStatusCode.OK);
        Assert.True(before.Json.GetProperty("isSystem").GetBoolean());

        (await owner.PatchJsonAsync($"/api/v1/roles/{id}", new { name = "Renamed" })).ExpectProblem(HttpStatusCode.Conflict, "role.system");
        (await owner.PutJsonAsync($"/api/v1/roles/{id}/grants", new { grants = Array.Empty<object>() })).ExpectProblem(HttpStatusCode.Conflict, "role.system");
        (await owner.DeleteJsonAsync($"/api/v1/roles/{id}")).ExpectProblem(HttpStatusCode.Conflict, "role.system");

        var after = (await owner.GetJsonAsync($"/api/v1/roles/{id}")).Expect(HttpStatusCode.OK);
        Assert.Equal(before.ETag, after.ETag);
        Assert.Equal(before.Body, after.Body);
    }

    [Fact]
    public async Task A_role_held_by_a_user_cannot_be_deleted()
    {
        var tenant = await fixture.CreateAsync();
        using var owner = await fixture.OwnerClientAsync(tenant);
        var role = (await owner.PostJsonAsync("/api/v1/roles", new { name = "Readers", grants = new[] { new { permission = "users.read", scope = "all" } } })).Id;
        var user = await owner.CreateUserAsync($"reader@{tenant.Slug}.test", TestTeam.Password, role);

        var refused = (await owner.DeleteJsonAsync($"/api/v1/roles/{role}")).ExpectProblem(HttpStatusCode.Conflict, "role.in_use");
        Assert.Equal(1, refused.Json.GetProperty("userCount").GetInt32());
        Assert.Equal(1, (await owner.GetJsonAsync($"/api/v1/roles/{role}")).Json.GetProperty("userCount").GetInt32());

        var viewer = (await owner.SystemRoleIdsAsync())["Viewer"];
        (await owner.PutJsonAsync($"/api/v1/users/{user}/roles", new { roleIds = new[] { viewer } })).Expect(HttpStatusCode.OK);
        (await owner.DeleteJsonAsync($"/api/v1/roles/{role}")).Expect(HttpStatusCode.NoContent);
    }

    [Fact]
    public async Task Grant_changes_take_effect_on_the_next_request()
    {
        var tenant = await fixture.CreateAsync();
        using var owner = await fixture.OwnerClientAsync(tenant);
        var role = (await owner.PostJsonAsync("/api/v1/roles", new { name = "Auditors", grants = new[] { new { permission = "audit.read", scope = "all" } } })).Id;
        var email = $"auditor@{tenant.Slug}.test";
        await owner.CreateUserAsync(email, TestTeam.Password, role);
        using var auditor = fixture.CreateClient((await fixture.LoginAsync(tenant.Slug, email, TestTeam.Password)).AccessToken);

        (await auditor.GetJsonAsync("/api/v1/audit")).Expect(HttpStatusCode.OK);
        (await auditor.GetJsonAsync("/api/v1/users")).ExpectProblem(HttpStatusCode.Forbidden, "auth.permission_denied");

        (await owner.PutJsonAsync($"/api/v1/roles/{role}/grants", new { grants = new[] { new { permission = "users.read", scope = "all" } } })).Expect(HttpStatusCode.OK);

        (await auditor.GetJsonAsync("/api/v1/audit")).ExpectProblem(HttpStatusCode.Forbidden, "auth.permission_denied");
        (await auditor.GetJsonAsync("/api/v1/users")).Expect(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Nobody_grants_what_they_do_not_hold()
    {
        var team = await fixture.CreateTeamAsync();
        using var admin = fixture.ClientOf(team.Members["Admin"]);

        var refused = (await admin.PostJsonAsync("/api/v1/roles", new { name = "Sneaky", grants = new[] { new { permission = "tenant.manage", scope = "all" } } }))
            .ExpectProblem(HttpStatusCode.Forbidden, "auth.privilege_escalation");
        Assert.Contains("tenant.manage", refused.Json.GetProperty("detail").GetString(), StringComparison.Ordinal);

        var role = (await admin.PostJsonAsync("/api/v1/roles", new { name = "Helpers", grants = new[] { new { permission = "users.read", scope = "all" } } }))
            .Expect(HttpStatusCode.Created).Id;
        (await admin.PutJsonAsync($"/api/v1/roles/{role}/grants", new { grants = new[] { new { permission = "tenant.manage", scope = "all" } } }))
            .ExpectProblem(HttpStatusCode.Forbidden, "auth.privilege_escalation");

        // What the Owner granted beyond the Admin stays editable around: narrowing is never an escalation.
        using var owner = fixture.ClientOf(team.Owner);
        (await owner.PutJsonAsync($"/api/v1/roles/{role}/grants", new { grants = new[] { new { permission = "tenant.manage", scope = "all" }, new { permission = "users.read", scope = "all" } } }))
            .Expect(HttpStatusCode.OK);
        var narrowed = (await admin.PutJsonAsync($"/api/v1/roles/{role}/grants", new { grants = new[] { new { permission = "tenant.manage", scope = "all" } } }))
            .Expect(HttpStatusCode.OK);
        Assert.Equal(["tenant.manage"], Permissions(narrowed.Json));

        // ...but a role holding it cannot be given away by someone who lacks it.
        (await admin.PutJsonAsync($"/api/v1/users/{team.Members["Admin"].Id}/roles", new { roleIds = new[] { team.RoleIds["Admin"], role } }))
            .ExpectProblem(HttpStatusCode.Forbidden, "auth.privilege_escalation");
    }

    [Fact]
    public async Task The_catalogue_lists_every_permission_with_its_allowed_scopes()
    {
        var tenant = await fixture.CreateAsync();
        using var owner = await fixture.OwnerClientAsync(tenant);
        var catalog = fixture.Factory.Services.GetRequiredService<PermissionCatalog>();

        var items = (await owner.GetJsonAsync("/api/v1/permissions")).Expect(HttpStatusCode.OK).Json.GetProperty("items").EnumerateArray().ToList();

        Assert.Equal(catalog.All.Select(p => p.Name).Order(StringComparer.Ordinal), items.Select(i => i.GetProperty("name").GetString()));
        var users = items.Single(i => i.GetProperty("name").GetString() == "users.manage");
        Assert.Equal("admin", users.GetProperty("kind").GetString());
        Assert.Equal(["all"], users.GetProperty("scopes").EnumerateArray().Select(s => s.GetString()));
    }

    [Fact]
    public async Task Data_permissions_take_any_scope_and_the_widest_grant_of_a_users_roles_wins()
    {
        // A host whose catalogue also has a data module's permissions (until the first data module lands).
        var host = fixture.CreateFactory(
            services => services.AddPermissions(
                new PermissionDefinition("probe.read", "Read probes.", PermissionKind.DataRead),
                new PermissionDefinition("probe.update", "Change probes.", PermissionKind.DataWrite)),
            ("Database:MigrateOnStartup", "false"));
        var tenant = await fixture.CreateAsync();
        using var owner = host.CreateClient();
        owner.DefaultRequestHeaders.Authorization = new("Bearer", (await fixture.LoginOwnerAsync(tenant)).AccessToken);

        var own = (await owner.PostJsonAsync("/api/v1/roles", new
        {
            name = "Own probes",
            grants = new[] { new { permission = "probe.read", scope = "own" }, new { permission = "probe.update", scope = "own" } },
        })).Expect(HttpStatusCode.Created).Id;
        var team = (await owner.PostJsonAsync("/api/v1/roles", new { name = "Team probes", grants = new[] { new { permission = "probe.read", scope = "group" } } }))
            .Expect(HttpStatusCode.Created).Id;
        var email = $"prober@{tenant.Slug}.test";
        await owner.CreateUserAsync(email, TestTeam.Password, own, team);
        using var prober = host.CreateClient();
        prober.DefaultRequestHeaders.Authorization = new("Bearer", (await fixture.LoginAsync(tenant.Slug, email, TestTeam.Password)).AccessToken);

        var grants = (await prober.GetJsonAsync("/api/v1/me")).Expect(HttpStatusCode.OK).Json.GetProperty("permissions").EnumerateArray()
            .ToDictionary(g => g.GetProperty("permission").GetString()!, g => g.GetProperty("scope").GetString());
        Assert.Equal("group", grants["probe.read"]);
        Assert.Equal("own", grants["probe.update"]);
    }

    private static List<string?> Permissions(JsonElement role) =>
        role.GetProperty("grants").EnumerateArray().Select(g => g.GetProperty("permission").GetString()).ToList();
}
