using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using M3CoreCrm.IntegrationTests.Infrastructure;
using static M3CoreCrm.IntegrationTests.Leads.LeadsHttp;

namespace M3CoreCrm.IntegrationTests.Leads;

/// <summary>Manual assignment and round-robin rules, including fairness under concurrent creates.</summary>
[Collection("api")]
public sealed class LeadAssignmentTests(ApiFixture fixture) : IAsyncLifetime
{
    private LeadsTestTenant _tenant = null!;

    public async Task InitializeAsync() => _tenant = await LeadsTestTenant.CreateAsync(fixture);

    public Task DisposeAsync()
    {
        _tenant.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Assign_hands_the_lead_to_an_active_user_of_the_tenant()
    {
        var (agentId, agent) = await _tenant.AddUserAsync("Agent");
        var other = await LeadsTestTenant.SharedAsync(fixture, "assignment-other-tenant");
        var lead = await CreateAsync(_tenant.Owner, NewLead("Assignee"));
        Assert.Equal(JsonValueKind.Null, lead.GetProperty("ownerId").ValueKind);

        using var assigned = await _tenant.Owner.PostAsJsonAsync($"/api/v1/leads/{lead.Id()}/assign", new { userId = agentId });
        var body = await ReadAsync(assigned, HttpStatusCode.OK);
        Assert.Equal(agentId, body.GetProperty("ownerId").GetGuid());
        Assert.NotEqual(JsonValueKind.Null, body.GetProperty("assignedAt").ValueKind);
        using var agentSees = await agent.GetAsync($"/api/v1/leads/{lead.Id()}");
        await ReadAsync(agentSees, HttpStatusCode.OK);

        foreach (var stranger in new[] { Guid.NewGuid(), other.OwnerId })
        {
            using var refused = await _tenant.Owner.PostAsJsonAsync($"/api/v1/leads/{lead.Id()}/assign", new { userId = stranger });
            var problem = await ProblemAsync(refused, HttpStatusCode.BadRequest, "validation.failed");
            Assert.True(problem.GetProperty("errors").TryGetProperty("userId", out _));
        }

        using var unknownLead = await _tenant.Owner.PostAsJsonAsync($"/api/v1/leads/{Guid.NewGuid()}/assign", new { userId = agentId });
        await ProblemAsync(unknownLead, HttpStatusCode.NotFound);
        using var stale = await SendAsync(_tenant.Owner, Json(HttpMethod.Post, $"/api/v1/leads/{lead.Id()}/assign", new { userId = _tenant.OwnerId }, "\"7\""));
        await ProblemAsync(stale, HttpStatusCode.PreconditionFailed);
    }

    [Fact]
    public async Task Round_robin_spreads_concurrent_creates_evenly_over_the_groups_active_members()
    {
        var members = new List<Guid>();
        for (var i = 0; i < 3; i++)
        {
            members.Add((await _tenant.AddUserAsync("Agent")).UserId);
        }

        var group = await _tenant.AddGroupAsync([.. members]);
        using var created = await _tenant.Owner.PostAsJsonAsync("/api/v1/leads/assignment-rules", new { name = "Website team", groupId = group });
        var rule = await ReadAsync(created, HttpStatusCode.Created);
        Assert.True(rule.GetProperty("isActive").GetBoolean());
        Assert.Equal($"/api/v1/leads/assignment-rules/{rule.Id()}", created.Headers.Location?.OriginalString);

        var responses = await Task.WhenAll(Enumerable.Range(0, 30).Select(i => _tenant.Owner.PostAsJsonAsync("/api/v1/leads", NewLead($"Burst{i}"))));
        var owners = new List<Guid>();
        foreach (var response in responses)
        {
            using (response)
            {
                owners.Add((await ReadAsync(response, HttpStatusCode.Created)).GetProperty("ownerId").GetGuid());
            }
        }

        Assert.All(members, m => Assert.Equal(10, owners.Count(o => o == m)));

        // A lead created with an owner does not take a turn.
        await CreateAsync(_tenant.Owner, NewLead("Chosen", extra: new { ownerId = _tenant.OwnerId }));
        var next = await Task.WhenAll(Enumerable.Range(0, 3).Select(async i => (await CreateAsync(_tenant.Owner, NewLead($"After{i}"))).GetProperty("ownerId").GetGuid()));
        Assert.Equal(members.Order(), next.Order());
    }

    [Fact]
    public async Task Rules_apply_by_priority_and_source_and_only_while_active()
    {
        var (a, _) = await _tenant.AddUserAsync("Agent");
        var (b, _) = await _tenant.AddUserAsync("Agent");
        var portalTeam = await _tenant.AddGroupAsync(a);
        var everyone = await _tenant.AddGroupAsync(b);
        var emptyTeam = await _tenant.AddGroupAsync();
        using (await _tenant.Owner.PostAsJsonAsync("/api/v1/leads/assignment-rules", new { name = "Portal", groupId = portalTeam, priority = 10, sources = new[] { "portal" } }))
        using (await _tenant.Owner.PostAsJsonAsync("/api/v1/leads/assignment-rules", new { name = "Nobody", groupId = emptyTeam, priority = 20, sources = new[] { "social" } }))
        using (var fallback = await _tenant.Owner.PostAsJsonAsync("/api/v1/leads/assignment-rules", new { name = "Everyone", groupId = everyone, priority = 50 }))
        {
            var rule = await ReadAsync(fallback, HttpStatusCode.Created);
            Assert.Equal(a, (await CreateAsync(_tenant.Owner, NewLead("FromPortal", source: "portal"))).GetProperty("ownerId").GetGuid());
            Assert.Equal(b, (await CreateAsync(_tenant.Owner, NewLead("FromWebsite", source: "website"))).GetProperty("ownerId").GetGuid());
            Assert.Equal(JsonValueKind.Null, (await CreateAsync(_tenant.Owner, NewLead("FromSocial", source: "social"))).GetProperty("ownerId").ValueKind);

            using var get = await _tenant.Owner.GetAsync($"/api/v1/leads/assignment-rules/{rule.Id()}");
            var etag = get.Headers.ETag!.ToString();
            using var off = await SendAsync(_tenant.Owner, Json(HttpMethod.Patch, $"/api/v1/leads/assignment-rules/{rule.Id()}", new { isActive = false }, etag, "application/merge-patch+json"));
            Assert.False((await ReadAsync(off, HttpStatusCode.OK)).GetProperty("isActive").GetBoolean());
            using var stale = await SendAsync(_tenant.Owner, Json(HttpMethod.Patch, $"/api/v1/leads/assignment-rules/{rule.Id()}", new { isActive = true }, etag, "application/merge-patch+json"));
            await ProblemAsync(stale, HttpStatusCode.PreconditionFailed);
            Assert.Equal(JsonValueKind.Null, (await CreateAsync(_tenant.Owner, NewLead("WhileOff", source: "website"))).GetProperty("ownerId").ValueKind);

            var list = await ListAllAsync(_tenant.Owner, "/api/v1/leads/assignment-rules");
            Assert.Equal(["Portal", "Nobody", "Everyone"], list.Select(r => r.GetProperty("name").GetString()!));

            using var deleted = await _tenant.Owner.DeleteAsync($"/api/v1/leads/assignment-rules/{rule.Id()}");
            Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
            using var gone = await _tenant.Owner.GetAsync($"/api/v1/leads/assignment-rules/{rule.Id()}");
            await ProblemAsync(gone, HttpStatusCode.NotFound, "assignmentRule.not_found");
        }

        using var invalid = await _tenant.Owner.PostAsJsonAsync("/api/v1/leads/assignment-rules", new { name = "", groupId = Guid.Empty, priority = -1 });
        var problem = await ProblemAsync(invalid, HttpStatusCode.BadRequest, "validation.failed");
        Assert.True(problem.GetProperty("errors").TryGetProperty("name", out _));
        Assert.True(problem.GetProperty("errors").TryGetProperty("groupId", out _));
        Assert.True(problem.GetProperty("errors").TryGetProperty("priority", out _));
        using var badSource = await _tenant.Owner.PostAsJsonAsync("/api/v1/leads/assignment-rules", new { name = "X", groupId = everyone, sources = new[] { "fax" } });
        await ProblemAsync(badSource, HttpStatusCode.BadRequest);
        using var both = await _tenant.Owner.PostAsJsonAsync("/api/v1/leads/assignment-rules", new { name = "X", groupId = everyone, userIds = new[] { a } });
        await ProblemAsync(both, HttpStatusCode.BadRequest, "validation.failed");
        using var stranger = await _tenant.Owner.PostAsJsonAsync("/api/v1/leads/assignment-rules", new { name = "X", userIds = new[] { a, Guid.NewGuid() } });
        problem = await ProblemAsync(stranger, HttpStatusCode.BadRequest, "validation.failed");
        Assert.True(problem.GetProperty("errors").TryGetProperty("userIds", out _));
    }

    [Fact]
    public async Task A_rule_can_list_its_users_who_take_turns_in_the_listed_order()
    {
        var (a, _) = await _tenant.AddUserAsync("Agent");
        var (b, _) = await _tenant.AddUserAsync("Agent");
        using var created = await _tenant.Owner.PostAsJsonAsync("/api/v1/leads/assignment-rules", new { name = "Pair", userIds = new[] { b, a, b } });
        var rule = await ReadAsync(created, HttpStatusCode.Created);
        Assert.Equal([b, a], rule.GetProperty("userIds").EnumerateArray().Select(u => u.GetGuid()));
        Assert.Equal(JsonValueKind.Null, rule.GetProperty("groupId").ValueKind);

        var owners = new List<Guid>();
        for (var i = 0; i < 4; i++)
        {
            owners.Add((await CreateAsync(_tenant.Owner, NewLead($"Turn{i}"))).GetProperty("ownerId").GetGuid());
        }

        Assert.Equal([b, a, b, a], owners);
    }

    [Fact]
    public async Task A_create_that_skips_the_duplicate_check_still_takes_its_turn()
    {
        var (a, _) = await _tenant.AddUserAsync("Agent");
        var (b, _) = await _tenant.AddUserAsync("Agent");
        using (await _tenant.Owner.PostAsJsonAsync("/api/v1/leads/assignment-rules", new { name = "Pair", userIds = new[] { a, b } }))
        {
        }

        var first = await CreateAsync(_tenant.Owner, NewLead("Twin", email: "twin@example.test"));
        using var twin = await _tenant.Owner.PostAsJsonAsync("/api/v1/leads?allowDuplicate=true", NewLead("Twin", email: "twin@example.test"));
        var second = await ReadAsync(twin, HttpStatusCode.Created);
        Assert.Equal([a, b], new[] { first, second }.Select(l => l.GetProperty("ownerId").GetGuid()));
    }
}
