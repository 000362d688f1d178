using System.Net;
using System.Net.Http.Json;
using System.Text;
using M3CoreCrm.IntegrationTests.Infrastructure;
using static M3CoreCrm.IntegrationTests.Leads.LeadsHttp;

namespace M3CoreCrm.IntegrationTests.Leads;

/// <summary>Scoped permissions (agents see their own, viewers read only) and tenant isolation on every lead route.</summary>
[Collection("api")]
public sealed class LeadAccessTests(ApiFixture fixture) : IAsyncLifetime
{
    private LeadsTestTenant _tenant = null!;
    private LeadsTestTenant _other = null!;

    public async Task InitializeAsync()
    {
        _tenant = await LeadsTestTenant.CreateAsync(fixture);
        _other = await LeadsTestTenant.CreateAsync(fixture);
    }

    public Task DisposeAsync()
    {
        _tenant.Dispose();
        _other.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Agents_work_their_own_leads_and_cannot_see_the_others()
    {
        var (agentId, agent) = await _tenant.AddUserAsync("Agent");
        var (_, colleague) = await _tenant.AddUserAsync("Agent");
        var ownersLead = await CreateAsync(_tenant.Owner, NewLead("OwnersLead"));
        var unassigned = await CreateAsync(_tenant.Owner, NewLead("Unassigned"));

        var mine = await CreateAsync(agent, NewLead("AgentsLead"));
        Assert.Equal(agentId, mine.GetProperty("ownerId").GetGuid());
        var colleagues = await CreateAsync(colleague, NewLead("ColleaguesLead"));

        var visible = await ListAllAsync(agent, "/api/v1/leads");
        Assert.Equal([mine.Id()], visible.Select(l => l.Id()));
        using var total = await agent.GetAsync("/api/v1/leads?includeTotal=true");
        Assert.Equal(1, (await ReadAsync(total, HttpStatusCode.OK)).GetProperty("total").GetInt64());

        foreach (var id in new[] { ownersLead.Id(), unassigned.Id(), colleagues.Id() })
        {
            using var get = await agent.GetAsync($"/api/v1/leads/{id}");
            await ProblemAsync(get, HttpStatusCode.NotFound, "lead.not_found");
            using var patch = await PatchAsync(agent, id, new { notes = "mine now" });
            await ProblemAsync(patch, HttpStatusCode.NotFound);
            using var status = await StatusAsync(agent, id, "contacted");
            await ProblemAsync(status, HttpStatusCode.NotFound);
            using var assign = await agent.PostAsJsonAsync($"/api/v1/leads/{id}/assign", new { userId = agentId });
            await ProblemAsync(assign, HttpStatusCode.NotFound);
            using var history = await agent.GetAsync($"/api/v1/leads/{id}/history");
            await ProblemAsync(history, HttpStatusCode.NotFound);
            using var convert = await agent.PostAsJsonAsync($"/api/v1/leads/{id}/convert", new { });
            Assert.True(convert.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.ServiceUnavailable, $"convert gave {convert.StatusCode}");
        }

        using var ownPatch = await PatchAsync(agent, mine.Id(), new { notes = "called" });
        await ReadAsync(ownPatch, HttpStatusCode.OK);
        var export = await agent.GetStringAsync("/api/v1/leads/export");
        Assert.Equal(2, export.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);

        // Agents have no delete permission at all (403), and cannot give leads away to others at own scope.
        using var delete = await agent.DeleteAsync($"/api/v1/leads/{mine.Id()}");
        await ProblemAsync(delete, HttpStatusCode.Forbidden, "auth.permission_denied");
        using var giveAway = await agent.PostAsJsonAsync($"/api/v1/leads/{mine.Id()}/assign", new { userId = _tenant.OwnerId });
        await ProblemAsync(giveAway, HttpStatusCode.Forbidden, "lead.owner_out_of_scope");
        using var createForOther = await agent.PostAsJsonAsync("/api/v1/leads", NewLead("ForOwner", extra: new { ownerId = _tenant.OwnerId }));
        await ProblemAsync(createForOther, HttpStatusCode.Forbidden, "lead.owner_out_of_scope");
        using var rule = await agent.PostAsJsonAsync("/api/v1/leads/assignment-rules", new { name = "Mine", groupId = Guid.NewGuid() });
        await ProblemAsync(rule, HttpStatusCode.Forbidden, "lead.rules_need_all_scope");
    }

    [Fact]
    public async Task Managers_see_the_leads_of_their_groups()
    {
        var (managerId, _) = await _tenant.AddUserAsync("Manager");
        var (agentId, agent) = await _tenant.AddUserAsync("Agent");
        var (_, outsider) = await _tenant.AddUserAsync("Agent");
        await _tenant.AddGroupAsync(managerId, agentId);
        var (_, manager) = await _tenant.AddUserAsync("Manager"); // a fresh login of another manager is not in the group
        var teamLead = await CreateAsync(agent, NewLead("TeamLead"));
        var outsiderLead = await CreateAsync(outsider, NewLead("OutsiderLead"));

        using var managerLogin = await LoginAsAsync(managerId);
        Assert.Contains(await ListAllAsync(managerLogin, "/api/v1/leads"), l => l.Id() == teamLead.Id());
        Assert.DoesNotContain(await ListAllAsync(managerLogin, "/api/v1/leads"), l => l.Id() == outsiderLead.Id());
        using var get = await managerLogin.GetAsync($"/api/v1/leads/{outsiderLead.Id()}");
        await ProblemAsync(get, HttpStatusCode.NotFound);
        using var other = await manager.GetAsync($"/api/v1/leads/{teamLead.Id()}");
        await ProblemAsync(other, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Viewers_read_everything_and_change_nothing()
    {
        var (_, viewer) = await _tenant.AddUserAsync("Viewer");
        var lead = await CreateAsync(_tenant.Owner, NewLead("Viewed"));

        using var get = await viewer.GetAsync($"/api/v1/leads/{lead.Id()}");
        await ReadAsync(get, HttpStatusCode.OK);
        Assert.Contains(await ListAllAsync(viewer, "/api/v1/leads"), l => l.Id() == lead.Id());
        using var create = await viewer.PostAsJsonAsync("/api/v1/leads", NewLead());
        await ProblemAsync(create, HttpStatusCode.Forbidden, "auth.permission_denied");
        using var patch = await PatchAsync(viewer, lead.Id(), new { notes = "x" });
        await ProblemAsync(patch, HttpStatusCode.Forbidden);
        using var import = await viewer.PostAsync("/api/v1/leads/import", new StringContent("firstName,email\nA,a@example.com\n", Encoding.UTF8, "text/csv"));
        await ProblemAsync(import, HttpStatusCode.Forbidden);
        using var convert = await viewer.PostAsJsonAsync($"/api/v1/leads/{lead.Id()}/convert", new { });
        await ProblemAsync(convert, HttpStatusCode.Forbidden);
        Assert.Equal(1, await _tenant.CountAsync());
    }

    [Fact]
    public async Task Another_tenants_lead_is_not_found_on_every_route()
    {
        var lead = await CreateAsync(_tenant.Owner, NewLead("Isolated"));
        var id = lead.Id();
        var intruder = _other.Owner;

        foreach (var (method, url, body) in new (HttpMethod, string, object?)[]
        {
            (HttpMethod.Get, $"/api/v1/leads/{id}", null),
            (HttpMethod.Patch, $"/api/v1/leads/{id}", new { notes = "hijacked" }),
            (HttpMethod.Delete, $"/api/v1/leads/{id}", null),
            (HttpMethod.Post, $"/api/v1/leads/{id}/restore", null),
            (HttpMethod.Post, $"/api/v1/leads/{id}/status", new { status = "contacted" }),
            (HttpMethod.Post, $"/api/v1/leads/{id}/assign", new { userId = _other.OwnerId }),
            (HttpMethod.Get, $"/api/v1/leads/{id}/history", null),
        })
        {
            using var request = new HttpRequestMessage(method, url);
            if (body is not null)
            {
                request.Content = JsonContent.Create(body, mediaType: method == HttpMethod.Patch ? new("application/merge-patch+json") : null);
            }

            using var response = await intruder.SendAsync(request);
            await ProblemAsync(response, HttpStatusCode.NotFound);
        }

        Assert.Empty(await ListAllAsync(intruder, "/api/v1/leads"));
        Assert.Single((await intruder.GetStringAsync("/api/v1/leads/export")).Split('\n', StringSplitOptions.RemoveEmptyEntries));
        using var batch = await intruder.PostAsJsonAsync("/api/v1/leads/batch", new { items = new[] { new { id, data = new { notes = "x" } } } });
        Assert.Equal(404, (await ReadAsync(batch, HttpStatusCode.OK)).GetProperty("items")[0].GetProperty("status").GetInt32());

        // The other tenant can even reuse the email: duplicates are per tenant.
        await CreateAsync(intruder, NewLead("Twin", email: lead.GetProperty("email").GetString(), phone: lead.GetProperty("phone").GetString()));
        using var unchanged = await _tenant.Owner.GetAsync($"/api/v1/leads/{id}");
        Assert.Equal(JsonValueKindNull, (await ReadAsync(unchanged, HttpStatusCode.OK)).GetProperty("notes").ValueKind);
    }

    private static readonly System.Text.Json.JsonValueKind JsonValueKindNull = System.Text.Json.JsonValueKind.Null;

    private async Task<HttpClient> LoginAsAsync(Guid userId)
    {
        await using var connection = await _tenant.OpenOwnerAsync();
        await using var command = new Npgsql.NpgsqlCommand("SELECT email FROM identity.users WHERE id = $1", connection);
        command.Parameters.Add(new Npgsql.NpgsqlParameter { Value = userId });
        var email = (string)(await command.ExecuteScalarAsync())!;
        var client = fixture.CreateClient();
        using var response = await client.PostAsJsonAsync("/api/v1/auth/login", new { tenant = _tenant.Slug, email, password = LeadsTestTenant.Password });
        var token = (await ReadAsync(response, HttpStatusCode.OK)).GetProperty("accessToken").GetString();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        return client;
    }
}
