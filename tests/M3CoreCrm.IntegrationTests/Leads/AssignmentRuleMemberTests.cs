using System.Net;
using System.Net.Http.Json;
using M3CoreCrm.IntegrationTests.Infrastructure;
using static M3CoreCrm.IntegrationTests.Leads.LeadsHttp;

namespace M3CoreCrm.IntegrationTests.Leads;

/// <summary>
/// Round-robin rules hand leads only to users who can work on them (leads.update at own scope or wider): such a
/// member is refused when the rule is saved, and skipped when its role changes afterwards.
/// </summary>
[Collection("api")]
public sealed class AssignmentRuleMemberTests(ApiFixture fixture) : IAsyncLifetime
{
    private const string Rules = "/api/v1/leads/assignment-rules";

    private LeadsTestTenant _tenant = null!;

    public async Task InitializeAsync() => _tenant = await LeadsTestTenant.CreateAsync(fixture);

    public Task DisposeAsync()
    {
        _tenant.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task A_rule_naming_a_user_who_cannot_update_leads_is_refused_with_a_problem_naming_them()
    {
        var (agent, _) = await _tenant.AddUserAsync("Agent");
        var (viewer, _) = await _tenant.AddUserAsync("Viewer");

        using var listed = await _tenant.Owner.PostAsJsonAsync(Rules, new { name = "With a viewer", userIds = new[] { agent, viewer } });
        var problem = await ReadAsync(listed, HttpStatusCode.UnprocessableEntity);
        Assert.Equal("lead.rule_member_cannot_update", problem.GetProperty("code").GetString());
        Assert.Equal([viewer], problem.GetProperty("userIds").EnumerateArray().Select(u => u.GetGuid()));
        Assert.Contains(viewer.ToString(), problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain(agent.ToString(), problem.GetProperty("detail").GetString(), StringComparison.Ordinal);

        var team = await _tenant.AddGroupAsync(agent, viewer);
        using var grouped = await _tenant.Owner.PostAsJsonAsync(Rules, new { name = "Team with a viewer", groupId = team });
        Assert.Equal("lead.rule_member_cannot_update", (await ReadAsync(grouped, HttpStatusCode.UnprocessableEntity)).GetProperty("code").GetString());

        using var agentsOnly = await _tenant.Owner.PostAsJsonAsync(Rules, new { name = "Agents", userIds = new[] { agent } });
        var rule = await ReadAsync(agentsOnly, HttpStatusCode.Created);
        var etag = agentsOnly.Headers.ETag!.Tag;
        using var widened = await SendAsync(_tenant.Owner, Json(HttpMethod.Patch, $"{Rules}/{rule.Id()}", new { userIds = new[] { agent, viewer } }, etag, "application/merge-patch+json"));
        Assert.Equal("lead.rule_member_cannot_update", (await ReadAsync(widened, HttpStatusCode.UnprocessableEntity)).GetProperty("code").GetString());

        var saved = Assert.Single(await ListAllAsync(_tenant.Owner, Rules));
        Assert.Equal([agent], saved.GetProperty("userIds").EnumerateArray().Select(u => u.GetGuid()));
    }

    [Fact]
    public async Task A_member_whose_role_no_longer_grants_leads_update_is_skipped_at_assignment()
    {
        var (first, _) = await _tenant.AddUserAsync("Agent");
        var (second, _) = await _tenant.AddUserAsync("Agent");
        using (var created = await _tenant.Owner.PostAsJsonAsync(Rules, new { name = "Two agents", userIds = new[] { first, second } }))
        {
            await ReadAsync(created, HttpStatusCode.Created);
        }

        var viewerRole = (await ListAllAsync(_tenant.Owner, "/api/v1/roles?q=Viewer&isSystem=true"))
            .Single(r => r.GetProperty("name").GetString() == "Viewer").Id();
        using (var demoted = await _tenant.Owner.PutAsJsonAsync($"/api/v1/users/{second}/roles", new { roleIds = new[] { viewerRole } }))
        {
            await ReadAsync(demoted, HttpStatusCode.OK);
        }

        var owners = new List<Guid>();
        foreach (var i in Enumerable.Range(0, 4))
        {
            owners.Add((await CreateAsync(_tenant.Owner, NewLead($"Turn{i}"))).GetProperty("ownerId").GetGuid());
        }

        Assert.All(owners, owner => Assert.Equal(first, owner));
    }
}
