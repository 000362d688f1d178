using System.Net;
using M3CoreCrm.IntegrationTests.Authorization;
using M3CoreCrm.IntegrationTests.Infrastructure;

namespace M3CoreCrm.IntegrationTests.Identity;

/// <summary>Holders of groups.manage or users.manage cannot widen their own group scope; denials are audited.</summary>
[Collection("api")]
public sealed class PrivilegeWideningTests(ApiFixture fixture)
{
    private const string Password = "Quiet-Harbour-Lights-7";

    [Fact]
    public async Task A_group_scoped_team_lead_cannot_join_another_group_or_bring_people_into_their_own()
    {
        var (owner, lead, leadId, ownTeam, otherTeam, outsider, reader) = await SetUpAsync();
        using (owner)
        using (lead)
        {
            (await lead.PostJsonAsync($"/api/v1/groups/{otherTeam}/members/{leadId}"))
                .ExpectProblem(HttpStatusCode.Forbidden, "auth.privilege_escalation");
            (await lead.PostJsonAsync($"/api/v1/groups/{ownTeam}/members/{outsider}"))
                .ExpectProblem(HttpStatusCode.Forbidden, "auth.privilege_escalation");
            (await lead.PutJsonAsync($"/api/v1/groups/{otherTeam}/members", new { userIds = new[] { outsider, leadId } }))
                .ExpectProblem(HttpStatusCode.Forbidden, "auth.privilege_escalation");
            (await lead.PostJsonAsync("/api/v1/groups", new { name = "Escape hatch", memberIds = new[] { leadId, outsider } }))
                .ExpectProblem(HttpStatusCode.Forbidden, "auth.privilege_escalation");
            (await lead.PostJsonAsync("/api/v1/users", new { email = $"new-{Guid.NewGuid():N}@example.test", displayName = "New", password = Password, roleIds = new[] { reader }, groupIds = new[] { ownTeam } }))
                .ExpectProblem(HttpStatusCode.Forbidden, "auth.privilege_escalation");

            // Nothing changed, and every attempt is in the audit log.
            var members = (await owner.GetJsonAsync($"/api/v1/groups/{otherTeam}")).Expect(HttpStatusCode.OK).Json.GetProperty("members");
            Assert.DoesNotContain(members.EnumerateArray(), m => m.GetProperty("userId").GetGuid() == leadId);
            Assert.Equal(5L, await fixture.ScalarAsync<long>(
                "SELECT count(*) FROM shared.audit_entries WHERE actor_id = $1 AND action = 'privilege_escalation.denied'", leadId));

            // Changes that do not widen the lead's own reach still work: managing a team the lead is not in.
            (await lead.PostJsonAsync($"/api/v1/groups/{otherTeam}/members/{outsider}")).Expect(HttpStatusCode.NoContent);
        }
    }

    [Fact]
    public async Task An_all_scope_administrator_may_still_join_groups()
    {
        var team = await fixture.CreateTeamAsync();
        using var admin = fixture.ClientOf(team.Members["Admin"]);
        var group = (await admin.PostJsonAsync("/api/v1/groups", new { name = "Towers", memberIds = new[] { team.Members["Agent"].Id } })).Expect(HttpStatusCode.Created).Id;

        (await admin.PostJsonAsync($"/api/v1/groups/{group}/members/{team.Members["Admin"].Id}")).Expect(HttpStatusCode.NoContent);
    }

    /// <summary>A lead with groups.manage and users.manage (all) and leads.read at group scope, in one team; another team; an outsider.</summary>
    private async Task<(HttpClient Owner, HttpClient Lead, Guid LeadId, Guid OwnTeam, Guid OtherTeam, Guid Outsider, Guid Reader)> SetUpAsync()
    {
        var tenant = await fixture.CreateAsync();
        var owner = await fixture.OwnerClientAsync(tenant);
        var role = (await owner.PostJsonAsync("/api/v1/roles", new
        {
            name = "Team lead",
            grants = new[]
            {
                new { permission = "groups.manage", scope = "all" },
                new { permission = "groups.read", scope = "all" },
                new { permission = "users.manage", scope = "all" },
                new { permission = "users.read", scope = "all" },
                new { permission = "leads.read", scope = "group" },
            },
        })).Expect(HttpStatusCode.Created).Id;
        var reader = (await owner.PostJsonAsync("/api/v1/roles", new { name = "Reader", grants = new[] { new { permission = "leads.read", scope = "own" } } }))
            .Expect(HttpStatusCode.Created).Id;
        var leadEmail = $"lead@{tenant.Slug}.test";
        var leadId = await owner.CreateUserAsync(leadEmail, Password, role);
        var mate = await owner.CreateUserAsync($"mate@{tenant.Slug}.test", Password, reader);
        var stranger = await owner.CreateUserAsync($"stranger@{tenant.Slug}.test", Password, reader);
        var outsider = await owner.CreateUserAsync($"outsider@{tenant.Slug}.test", Password, reader);
        var ownTeam = (await owner.PostJsonAsync("/api/v1/groups", new { name = "Own team", memberIds = new[] { leadId, mate } })).Expect(HttpStatusCode.Created).Id;
        var otherTeam = (await owner.PostJsonAsync("/api/v1/groups", new { name = "Other team", memberIds = new[] { stranger } })).Expect(HttpStatusCode.Created).Id;
        var lead = fixture.CreateClient((await fixture.LoginAsync(tenant.Slug, leadEmail, Password)).AccessToken);
        return (owner, lead, leadId, ownTeam, otherTeam, outsider, reader);
    }
}
