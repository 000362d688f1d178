using System.Net;
using System.Runtime.CompilerServices;
using M3CoreCrm.IntegrationTests.Infrastructure;
using static M3CoreCrm.IntegrationTests.Authorization.PermissionMatrix;

namespace M3CoreCrm.IntegrationTests.Authorization;

/// <summary>
/// Which system role may call which administrative endpoint, as data. Each row is an endpoint and the status each
/// role gets, in the order Owner, Admin, Manager, Agent, Viewer; it expands into one test case per role. Adding a
/// row adds coverage, not code.
/// <para>
/// Placeholders in paths and bodies: <c>{role}</c>, <c>{group}</c>, <c>{user}</c>, <c>{key}</c> are shared records of
/// the team's tenant, for reads; <c>{newRole}</c>, <c>{newGroup}</c>, <c>{newUser}</c>, <c>{newKey}</c> are made fresh
/// for the case, for writes; <c>{agentRole}</c> / <c>{viewerRole}</c> are system role ids; <c>{unique}</c> is a fresh
/// token for names and emails; <c>{inAMonth}</c> is a timestamp 30 days ahead (API keys must expire).
/// </para>
/// </summary>
[Collection("api")]
public sealed class PermissionMatrixTests(ApiFixture fixture)
{

    private static readonly ConditionalWeakTable<ApiFixture, Task<MatrixTeam>> Teams = [];

    /// <summary>Endpoint × (Owner, Admin, Manager, Agent, Viewer).</summary>
    private static readonly (string Method, string Path, string? Body, int[] Expected)[] Table =
    [
        // Roles and the permission catalogue: roles.read (Manager too), roles.manage (Owner, Admin).
        ("GET", "/api/v1/permissions", null, [Ok, Ok, Ok, Forbidden, Forbidden]),
        ("GET", "/api/v1/roles", null, [Ok, Ok, Ok, Forbidden, Forbidden]),
        ("GET", "/api/v1/roles/{role}", null, [Ok, Ok, Ok, Forbidden, Forbidden]),
        ("POST", "/api/v1/roles", """{"name":"Role {unique}","grants":[{"permission":"users.read","scope":"all"}]}""", [Created, Created, Forbidden, Forbidden, Forbidden]),
        ("PATCH", "/api/v1/roles/{newRole}", """{"description":"Changed"}""", [Ok, Ok, Forbidden, Forbidden, Forbidden]),
        ("PUT", "/api/v1/roles/{newRole}/grants", """{"grants":[{"permission":"groups.read","scope":"all"}]}""", [Ok, Ok, Forbidden, Forbidden, Forbidden]),
        ("DELETE", "/api/v1/roles/{newRole}", null, [NoContent, NoContent, Forbidden, Forbidden, Forbidden]),

        // Groups: groups.read (Manager too), groups.manage (Owner, Admin).
        ("GET", "/api/v1/groups", null, [Ok, Ok, Ok, Forbidden, Forbidden]),
        ("GET", "/api/v1/groups/{group}", null, [Ok, Ok, Ok, Forbidden, Forbidden]),
        ("POST", "/api/v1/groups", """{"name":"Group {unique}","memberIds":["{user}"]}""", [Created, Created, Forbidden, Forbidden, Forbidden]),
        ("PATCH", "/api/v1/groups/{newGroup}", """{"name":"Renamed {unique}"}""", [Ok, Ok, Forbidden, Forbidden, Forbidden]),
        ("PUT", "/api/v1/groups/{newGroup}/members", """{"userIds":["{user}"]}""", [Ok, Ok, Forbidden, Forbidden, Forbidden]),
        ("POST", "/api/v1/groups/{newGroup}/members/{user}", null, [NoContent, NoContent, Forbidden, Forbidden, Forbidden]),
        ("DELETE", "/api/v1/groups/{newGroup}/members/{user}", null, [NoContent, NoContent, Forbidden, Forbidden, Forbidden]),
        ("DELETE", "/api/v1/groups/{newGroup}", null, [NoContent, NoContent, Forbidden, Forbidden, Forbidden]),

        // Users: users.read (Manager too), users.manage (Owner, Admin).
        ("GET", "/api/v1/users", null, [Ok, Ok, Ok, Forbidden, Forbidden]),
        ("GET", "/api/v1/users/{user}", null, [Ok, Ok, Ok, Forbidden, Forbidden]),
        ("POST", "/api/v1/users", """{"email":"u{unique}@example.test","displayName":"User {unique}","password":"Quiet-Harbour-Lights-7","roleIds":["{agentRole}"]}""", [Created, Created, Forbidden, Forbidden, Forbidden]),
        ("PATCH", "/api/v1/users/{newUser}", """{"displayName":"Renamed"}""", [Ok, Ok, Forbidden, Forbidden, Forbidden]),
        ("PUT", "/api/v1/users/{newUser}/roles", """{"roleIds":["{viewerRole}"]}""", [Ok, Ok, Forbidden, Forbidden, Forbidden]),
        ("POST", "/api/v1/users/{newUser}/disable", null, [Ok, Ok, Forbidden, Forbidden, Forbidden]),
        ("POST", "/api/v1/users/{newUser}/enable", null, [Ok, Ok, Forbidden, Forbidden, Forbidden]),
        ("POST", "/api/v1/users/{newUser}/reset-password", """{"newPassword":"Another-Long-Secret-8"}""", [NoContent, NoContent, Forbidden, Forbidden, Forbidden]),

        // API keys: apikeys.manage (Owner, Admin).
        ("GET", "/api/v1/api-keys", null, [Ok, Ok, Forbidden, Forbidden, Forbidden]),
        ("GET", "/api/v1/api-keys/{key}", null, [Ok, Ok, Forbidden, Forbidden, Forbidden]),
        ("POST", "/api/v1/api-keys", """{"name":"Key {unique}","roleId":"{viewerRole}","expiresAt":"{inAMonth}"}""", [Created, Created, Forbidden, Forbidden, Forbidden]),
        ("POST", "/api/v1/api-keys/{newKey}/revoke", null, [Ok, Ok, Forbidden, Forbidden, Forbidden]),
        ("DELETE", "/api/v1/api-keys/{newKey}", null, [NoContent, NoContent, Forbidden, Forbidden, Forbidden]),

        // Audit log: audit.read (Owner, Admin). The caller's own profile: everyone.
        ("GET", "/api/v1/audit", null, [Ok, Ok, Forbidden, Forbidden, Forbidden]),
        ("GET", "/api/v1/me", null, [Ok, Ok, Ok, Ok, Ok]),
    ];

    public static TheoryData<string, string, string, string?, int> Cases() => PermissionMatrix.Cases(Table);

    [Fact]
    public void Every_row_names_a_status_for_every_role() => PermissionMatrix.AssertEveryRowNamesEveryRole(Table);

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Role_gets_the_expected_status(string role, string method, string path, string? body, int expected)
    {
        var team = await Teams.GetValue(fixture, f => MatrixTeam.CreateAsync(f));
        var text = method + " " + path + " " + body;
        var values = await team.ResolveAsync(text);
        await PermissionMatrix.AssertStatusAsync(fixture, team.Team, values, role, method, path, body, expected);
    }

    /// <summary>The team and the shared records the rows read; fresh records are made per case.</summary>
    private sealed class MatrixTeam
    {
        private MatrixTeam(ApiFixture fixture, TestTeam team, Guid role, Guid group, Guid user, Guid key)
        {
            Fixture = fixture;
            Team = team;
            Shared = new Dictionary<string, string>
            {
                ["{role}"] = role.ToString(),
                ["{group}"] = group.ToString(),
                ["{user}"] = user.ToString(),
                ["{key}"] = key.ToString(),
                ["{agentRole}"] = team.RoleIds["Agent"].ToString(),
                ["{viewerRole}"] = team.RoleIds["Viewer"].ToString(),
            };
        }

        internal TestTeam Team { get; }

        private ApiFixture Fixture { get; }

        private Dictionary<string, string> Shared { get; }

        internal static async Task<MatrixTeam> CreateAsync(ApiFixture fixture)
        {
            var team = await fixture.CreateTeamAsync();
            using var owner = fixture.ClientOf(team.Owner);
            var role = (await owner.PostJsonAsync("/api/v1/roles", new { name = "Shared role", grants = new[] { new { permission = "users.read", scope = "all" } } })).Expect(HttpStatusCode.Created).Id;
            var user = await owner.CreateUserAsync($"target@{team.Tenant.Slug}.test", TestTeam.Password, team.RoleIds["Agent"]);
            var group = (await owner.PostJsonAsync("/api/v1/groups", new { name = "Shared group", memberIds = new[] { user } })).Expect(HttpStatusCode.Created).Id;
            var (key, _) = await owner.CreateApiKeyAsync(team.RoleIds["Viewer"]);
            return new MatrixTeam(fixture, team, role, group, user, key);
        }

        /// <summary>The placeholder values for one case, creating the fresh records it names (as the Owner).</summary>
        internal async Task<Dictionary<string, string>> ResolveAsync(string text)
        {
            var unique = Guid.NewGuid().ToString("N")[..10];
            var values = new Dictionary<string, string>(Shared)
            {
                ["{unique}"] = unique,
                ["{inAMonth}"] = DateTimeOffset.UtcNow.AddDays(30).ToString("O", System.Globalization.CultureInfo.InvariantCulture),
            };
            using var owner = Fixture.ClientOf(Team.Owner);
            if (text.Contains("{newRole}", StringComparison.Ordinal))
            {
                values["{newRole}"] = (await owner.PostJsonAsync("/api/v1/roles", new { name = "Role " + unique })).Expect(HttpStatusCode.Created).Id.ToString();
            }

            if (text.Contains("{newGroup}", StringComparison.Ordinal))
            {
                values["{newGroup}"] = (await owner.PostJsonAsync("/api/v1/groups", new { name = "Group " + unique })).Expect(HttpStatusCode.Created).Id.ToString();
            }

            if (text.Contains("{newUser}", StringComparison.Ordinal))
            {
                var id = await owner.CreateUserAsync($"n{unique}@{Team.Tenant.Slug}.test", TestTeam.Password, Team.RoleIds["Agent"]);
                if (text.Contains("/enable", StringComparison.Ordinal))
                {
                    (await owner.PostJsonAsync($"/api/v1/users/{id}/disable")).Expect(HttpStatusCode.OK);
                }

                values["{newUser}"] = id.ToString();
            }

            if (text.Contains("{newKey}", StringComparison.Ordinal))
            {
                values["{newKey}"] = (await owner.CreateApiKeyAsync(Team.RoleIds["Viewer"])).Id.ToString();
            }

            return values;
        }
    }
}
