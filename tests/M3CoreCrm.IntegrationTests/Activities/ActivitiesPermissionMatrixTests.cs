using System.Net;
using System.Runtime.CompilerServices;
using M3CoreCrm.IntegrationTests.Authorization;
using M3CoreCrm.IntegrationTests.Deals;
using M3CoreCrm.IntegrationTests.Infrastructure;
using static M3CoreCrm.IntegrationTests.Authorization.PermissionMatrix;
using M3CoreCrm.IntegrationTests.Inventory;

namespace M3CoreCrm.IntegrationTests.Activities;

/// <summary>
/// Which system role may call which activity, task and timeline endpoint, as data: each row is an endpoint and the
/// status each role gets, in the order Owner, Admin, Manager, Agent, Viewer. The team's Manager and Agent share a
/// group; the activities of the rows are logged by the Agent and the tasks assigned to the Agent, so own (Agent) and
/// group (Manager) scopes reach them.
/// <para>
/// Placeholders: <c>{contact}</c>, <c>{deal}</c>, <c>{unit}</c> records to target, <c>{activity}</c> and
/// <c>{task}</c> shared records (reads); <c>{newActivity}</c>, <c>{newDeletedActivity}</c>, <c>{newTask}</c>,
/// <c>{newDoneTask}</c>, <c>{newDeletedTask}</c> are made fresh for the case (writes).
/// </para>
/// </summary>
[Collection("api")]
public sealed class ActivitiesPermissionMatrixTests(ApiFixture fixture)
{

    private const string NoteBody = """{"type":"note","subject":"Matrix","occurredAt":"2025-06-01T10:00:00Z","targets":[{"type":"contact","id":"{contact}"},{"type":"deal","id":"{deal}"}]}""";

    private const string TaskBody = """{"title":"Matrix","dueAt":"2026-12-01T10:00:00Z","targets":[{"type":"unit","id":"{unit}"}]}""";

    private static readonly ConditionalWeakTable<ApiFixture, Task<ActivitiesTeam>> Teams = [];

    /// <summary>Endpoint × (Owner, Admin, Manager, Agent, Viewer).</summary>
    private static readonly (string Method, string Path, string? Body, int[] Expected)[] Table =
    [
        // Activities: read for everyone; log and change for all but the Viewer; delete and restore for Owner, Admin, Manager.
        ("GET", "/api/v1/activities", null, [Ok, Ok, Ok, Ok, Ok]),
        ("GET", "/api/v1/activities/{activity}", null, [Ok, Ok, Ok, Ok, Ok]),
        ("POST", "/api/v1/activities", NoteBody, [Created, Created, Created, Created, Forbidden]),
        ("PATCH", "/api/v1/activities/{newActivity}", """{"subject":"Changed"}""", [Ok, Ok, Ok, Ok, Forbidden]),
        ("DELETE", "/api/v1/activities/{newActivity}", null, [NoContent, NoContent, NoContent, Forbidden, Forbidden]),
        ("POST", "/api/v1/activities/{newDeletedActivity}/restore", null, [Ok, Ok, Ok, Forbidden, Forbidden]),

        // Tasks: the same split; the caller's own due tasks for everyone.
        ("GET", "/api/v1/tasks", null, [Ok, Ok, Ok, Ok, Ok]),
        ("GET", "/api/v1/tasks/mine?due=week", null, [Ok, Ok, Ok, Ok, Ok]),
        ("GET", "/api/v1/tasks/{task}", null, [Ok, Ok, Ok, Ok, Ok]),
        ("POST", "/api/v1/tasks", TaskBody, [Created, Created, Created, Created, Forbidden]),
        ("PATCH", "/api/v1/tasks/{newTask}", """{"title":"Changed"}""", [Ok, Ok, Ok, Ok, Forbidden]),
        ("POST", "/api/v1/tasks/{newTask}/complete", """{"logCall":{"outcome":"answered","durationMinutes":3}}""", [Ok, Ok, Ok, Ok, Forbidden]),
        ("POST", "/api/v1/tasks/{newTask}/cancel", null, [Ok, Ok, Ok, Ok, Forbidden]),
        ("POST", "/api/v1/tasks/{newDoneTask}/reopen", null, [Ok, Ok, Ok, Ok, Forbidden]),
        ("DELETE", "/api/v1/tasks/{newTask}", null, [NoContent, NoContent, NoContent, Forbidden, Forbidden]),
        ("POST", "/api/v1/tasks/{newDeletedTask}/restore", null, [Ok, Ok, Ok, Forbidden, Forbidden]),

        // Timelines: activities.read, for every target type.
        ("GET", "/api/v1/timeline/contact/{contact}", null, [Ok, Ok, Ok, Ok, Ok]),
        ("GET", "/api/v1/timeline/deal/{deal}", null, [Ok, Ok, Ok, Ok, Ok]),
        ("GET", "/api/v1/timeline/unit/{unit}?limit=5", null, [Ok, Ok, Ok, Ok, Ok]),
    ];

    public static TheoryData<string, string, string, string?, int> Cases() => PermissionMatrix.Cases(Table);

    [Fact]
    public void Every_row_names_a_status_for_every_role() => PermissionMatrix.AssertEveryRowNamesEveryRole(Table);

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Role_gets_the_expected_status(string role, string method, string path, string? body, int expected)
    {
        var team = await Teams.GetValue(fixture, ActivitiesTeam.CreateAsync);
        var values = await team.ResolveAsync(method + " " + path + " " + body);
        await PermissionMatrix.AssertStatusAsync(fixture, team.Team, values, role, method, path, body, expected);
    }

    /// <summary>The team, its Manager and Agent in one group, and the shared records; fresh activities are logged by the Agent, fresh tasks assigned to it.</summary>
    private sealed class ActivitiesTeam
    {
        private ActivitiesTeam(ApiFixture fixture, TestTeam team, Dictionary<string, string> shared)
        {
            Fixture = fixture;
            Team = team;
            Shared = shared;
        }

        internal TestTeam Team { get; }

        private ApiFixture Fixture { get; }

        private Dictionary<string, string> Shared { get; }

        private Guid AgentId => Team.Members["Agent"].Id;

        internal static async Task<ActivitiesTeam> CreateAsync(ApiFixture fixture)
        {
            var team = await fixture.CreateTeamAsync();
            using var owner = fixture.ClientOf(team.Owner);
            using var agent = fixture.ClientOf(team.Members["Agent"]);
            (await owner.PostJsonAsync("/api/v1/groups", new { name = "Sales team", memberIds = new[] { team.Members["Manager"].Id, team.Members["Agent"].Id } }))
                .Expect(HttpStatusCode.Created);
            // Records the agent owns, so every role but the viewer may target them (targets must be readable).
            var contact = (await M3CoreCrm.IntegrationTests.Contacts.ContactsKit.CreateContactAsync(owner, new { firstName = "Shared", ownerId = team.Members["Agent"].Id })).GetProperty("id").GetGuid();
            var deal = (await owner.CreateDealAsync(new { title = "Shared deal", ownerId = team.Members["Agent"].Id })).Id();
            var unit = await owner.UnitAsync();
            var shared = new Dictionary<string, string>
            {
                ["{contact}"] = contact.ToString(),
                ["{deal}"] = deal.ToString(),
                ["{unit}"] = unit.ToString(),
            };
            shared["{activity}"] = (await agent.PostAsync("/api/v1/activities", Json(NoteBody, shared))).Created().Id().ToString();
            shared["{task}"] = (await owner.NewTaskAsync(DateTimeOffset.UtcNow.AddDays(3), [ActivitiesKit.Target("unit", unit)], team.Members["Agent"].Id)).Id().ToString();
            return new ActivitiesTeam(fixture, team, shared);
        }

        /// <summary>The placeholder values for one case, creating the fresh records it names.</summary>
        internal async Task<Dictionary<string, string>> ResolveAsync(string text)
        {
            var values = new Dictionary<string, string>(Shared);
            using var owner = Fixture.ClientOf(Team.Owner);
            using var agent = Fixture.ClientOf(Team.Members["Agent"]);
            if (text.Contains("{newActivity}", StringComparison.Ordinal))
            {
                values["{newActivity}"] = (await agent.PostAsync("/api/v1/activities", Json(NoteBody, Shared))).Created().Id().ToString();
            }

            if (text.Contains("{newDeletedActivity}", StringComparison.Ordinal))
            {
                var id = (await agent.PostAsync("/api/v1/activities", Json(NoteBody, Shared))).Created().Id();
                (await owner.DropAsync($"/api/v1/activities/{id}")).Expect(HttpStatusCode.NoContent);
                values["{newDeletedActivity}"] = id.ToString();
            }

            foreach (var (placeholder, then) in new[] { ("{newTask}", (string?)null), ("{newDoneTask}", "complete"), ("{newDeletedTask}", "delete") })
            {
                if (!text.Contains(placeholder, StringComparison.Ordinal))
                {
                    continue;
                }

                var id = (await owner.NewTaskAsync(DateTimeOffset.UtcNow.AddDays(2), [ActivitiesKit.Target("unit", Guid.Parse(Shared["{unit}"]))], AgentId)).Id();
                if (then == "complete")
                {
                    (await owner.PostAsync($"/api/v1/tasks/{id}/complete")).Ok();
                }
                else if (then == "delete")
                {
                    (await owner.DropAsync($"/api/v1/tasks/{id}")).Expect(HttpStatusCode.NoContent);
                }

                values[placeholder] = id.ToString();
            }

            return values;
        }

        private static System.Text.Json.JsonElement Json(string template, Dictionary<string, string> values) =>
            System.Text.Json.JsonDocument.Parse(Fill(template, values)).RootElement.Clone();
    }
}
