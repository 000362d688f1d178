using System.Net;
using System.Runtime.CompilerServices;
using M3CoreCrm.IntegrationTests.Authorization;
using M3CoreCrm.IntegrationTests.Infrastructure;
using static M3CoreCrm.IntegrationTests.Authorization.PermissionMatrix;

namespace M3CoreCrm.IntegrationTests.Deals;

/// <summary>
/// Which system role may call which pipeline and deal endpoint, as data: each row is an endpoint and the status each
/// role gets, in the order Owner, Admin, Manager, Agent, Viewer. The team's Manager and Agent share a group, and
/// the deals of the rows belong to the Agent, so own (Agent) and group (Manager) scopes reach them.
/// <para>
/// Placeholders: <c>{pipeline}</c> the default pipeline, <c>{offer}</c> its Offer stage, <c>{deal}</c> a shared deal
/// (reads); <c>{newPipeline}</c>, <c>{newDeal}</c>, <c>{newLostDeal}</c>, <c>{newDeletedDeal}</c> are made fresh for
/// the case (writes); <c>{unique}</c> is a fresh token for names.
/// </para>
/// </summary>
[Collection("api")]
public sealed class DealPermissionMatrixTests(ApiFixture fixture)
{

    private static readonly ConditionalWeakTable<ApiFixture, Task<DealsTeam>> Teams = [];

    /// <summary>Endpoint × (Owner, Admin, Manager, Agent, Viewer).</summary>
    private static readonly (string Method, string Path, string? Body, int[] Expected)[] Table =
    [
        // Pipelines: pipelines.read (data read: everyone), pipelines.manage (administration: Owner, Admin).
        ("GET", "/api/v1/pipelines", null, [Ok, Ok, Ok, Ok, Ok]),
        ("GET", "/api/v1/pipelines/{pipeline}", null, [Ok, Ok, Ok, Ok, Ok]),
        ("POST", "/api/v1/pipelines", """{"name":"Pipeline {unique}","stages":[{"name":"First","probability":10}]}""", [Created, Created, Forbidden, Forbidden, Forbidden]),
        ("PATCH", "/api/v1/pipelines/{newPipeline}", """{"name":"Renamed {unique}"}""", [Ok, Ok, Forbidden, Forbidden, Forbidden]),
        ("POST", "/api/v1/pipelines/{newPipeline}/stages", """{"name":"Added","probability":50}""", [Created, Created, Forbidden, Forbidden, Forbidden]),
        ("DELETE", "/api/v1/pipelines/{newPipeline}", null, [NoContent, NoContent, Forbidden, Forbidden, Forbidden]),

        // Deals: read for everyone; create/update/win for all but the Viewer; delete and restore for Owner, Admin, Manager.
        ("GET", "/api/v1/deals", null, [Ok, Ok, Ok, Ok, Ok]),
        ("GET", "/api/v1/deals/{deal}", null, [Ok, Ok, Ok, Ok, Ok]),
        ("GET", "/api/v1/deals/{deal}/history", null, [Ok, Ok, Ok, Ok, Ok]),
        ("GET", "/api/v1/deals/board", null, [Ok, Ok, Ok, Ok, Ok]),
        ("GET", "/api/v1/deals/board/stages/{offer}", null, [Ok, Ok, Ok, Ok, Ok]),
        ("GET", "/api/v1/deals/forecast?from=2027-01-01&to=2027-12-31", null, [Ok, Ok, Ok, Ok, Ok]),
        ("POST", "/api/v1/deals", """{"title":"Deal {unique}","amount":1000}""", [Created, Created, Created, Created, Forbidden]),
        ("PATCH", "/api/v1/deals/{newDeal}", """{"title":"Renamed {unique}"}""", [Ok, Ok, Ok, Ok, Forbidden]),
        ("POST", "/api/v1/deals/{newDeal}/move", """{"stageId":"{offer}"}""", [Ok, Ok, Ok, Ok, Forbidden]),
        ("POST", "/api/v1/deals/{newDeal}/win", null, [Ok, Ok, Ok, Ok, Forbidden]),
        ("POST", "/api/v1/deals/{newDeal}/lose", """{"reason":"Budget"}""", [Ok, Ok, Ok, Ok, Forbidden]),
        ("POST", "/api/v1/deals/{newLostDeal}/reopen", null, [Ok, Ok, Ok, Ok, Forbidden]),
        ("DELETE", "/api/v1/deals/{newDeal}", null, [NoContent, NoContent, NoContent, Forbidden, Forbidden]),
        ("POST", "/api/v1/deals/{newDeletedDeal}/restore", null, [Ok, Ok, Ok, Forbidden, Forbidden]),
    ];

    public static TheoryData<string, string, string, string?, int> Cases() => PermissionMatrix.Cases(Table);

    [Fact]
    public void Every_row_names_a_status_for_every_role() => PermissionMatrix.AssertEveryRowNamesEveryRole(Table);

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Role_gets_the_expected_status(string role, string method, string path, string? body, int expected)
    {
        var team = await Teams.GetValue(fixture, DealsTeam.CreateAsync);
        var values = await team.ResolveAsync(method + " " + path + " " + body);
        await PermissionMatrix.AssertStatusAsync(fixture, team.Team, values, role, method, path, body, expected);
    }

    /// <summary>The team, its Manager and Agent in one group, and the shared records; fresh records are made per case by the Owner.</summary>
    private sealed class DealsTeam
    {
        private DealsTeam(ApiFixture fixture, TestTeam team, Dictionary<string, string> shared)
        {
            Fixture = fixture;
            Team = team;
            Shared = shared;
        }

        internal TestTeam Team { get; }

        private ApiFixture Fixture { get; }

        private Dictionary<string, string> Shared { get; }

        private Guid AgentId => Team.Members["Agent"].Id;

        internal static async Task<DealsTeam> CreateAsync(ApiFixture fixture)
        {
            var team = await fixture.CreateTeamAsync();
            using var owner = fixture.ClientOf(team.Owner);
            (await owner.PostJsonAsync("/api/v1/groups", new { name = "Sales team", memberIds = new[] { team.Members["Manager"].Id, team.Members["Agent"].Id } }))
                .Expect(HttpStatusCode.Created);
            var pipeline = await owner.DefaultPipelineAsync();
            var deal = await owner.CreateDealAsync(new { title = "Shared deal", ownerId = team.Members["Agent"].Id });
            return new DealsTeam(fixture, team, new Dictionary<string, string>
            {
                ["{pipeline}"] = pipeline.Id().ToString(),
                ["{offer}"] = pipeline.StageId("Offer").ToString(),
                ["{deal}"] = deal.Id().ToString(),
            });
        }

        /// <summary>The placeholder values for one case, creating the fresh records it names.</summary>
        internal async Task<Dictionary<string, string>> ResolveAsync(string text)
        {
            var unique = Guid.NewGuid().ToString("N")[..10];
            var values = new Dictionary<string, string>(Shared) { ["{unique}"] = unique };
            using var owner = Fixture.ClientOf(Team.Owner);
            if (text.Contains("{newPipeline}", StringComparison.Ordinal))
            {
                values["{newPipeline}"] = (await owner.CreatePipelineAsync("Pipeline " + unique)).Id().ToString();
            }

            if (text.Contains("{newDeal}", StringComparison.Ordinal))
            {
                values["{newDeal}"] = (await owner.CreateDealAsync(new { title = "Deal " + unique, ownerId = AgentId })).Id().ToString();
            }

            if (text.Contains("{newLostDeal}", StringComparison.Ordinal))
            {
                var lost = await owner.CreateDealAsync(new { title = "Lost " + unique, ownerId = AgentId });
                (await owner.PostAsync($"/api/v1/deals/{lost.Id()}/lose", new { reason = "Budget" })).Ok();
                values["{newLostDeal}"] = lost.Id().ToString();
            }

            if (text.Contains("{newDeletedDeal}", StringComparison.Ordinal))
            {
                var deleted = await owner.CreateDealAsync(new { title = "Deleted " + unique, ownerId = AgentId });
                (await owner.DropAsync($"/api/v1/deals/{deleted.Id()}")).Expect(HttpStatusCode.NoContent);
                values["{newDeletedDeal}"] = deleted.Id().ToString();
            }

            return values;
        }
    }
}
