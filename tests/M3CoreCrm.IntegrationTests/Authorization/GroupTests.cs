using System.Net;
using System.Text.Json;
using M3CoreCrm.IntegrationTests.Infrastructure;

namespace M3CoreCrm.IntegrationTests.Authorization;

[Collection("api")]
public sealed class GroupTests(ApiFixture fixture)
{
    [Fact]
    public async Task Group_crud_with_members()
    {
        var team = await fixture.CreateTeamAsync();
        using var owner = fixture.ClientOf(team.Owner);
        var manager = team.Members["Manager"].Id;
        var agent = team.Members["Agent"].Id;
        var viewer = team.Members["Viewer"].Id;

        var created = (await owner.PostJsonAsync("/api/v1/groups", new { name = "Marina Team", description = "Dubai Marina", memberIds = new[] { manager, agent, agent } }))
            .Expect(HttpStatusCode.Created);
        var id = created.Id;
        Assert.Equal(new[] { manager, agent }.Order(), MemberIds(created.Json).Order());

        var read = (await owner.GetJsonAsync($"/api/v1/groups/{id}")).Expect(HttpStatusCode.OK);
        Assert.Equal(created.ETag, read.ETag);

        var replaced = (await owner.PutJsonAsync($"/api/v1/groups/{id}/members", new { userIds = new[] { agent, viewer } }, read.ETag)).Expect(HttpStatusCode.OK);
        Assert.Equal(new[] { agent, viewer }.Order(), MemberIds(replaced.Json).Order());
        Assert.NotEqual(read.ETag, replaced.ETag);
        (await owner.PutJsonAsync($"/api/v1/groups/{id}/members", new { userIds = Array.Empty<Guid>() }, read.ETag)).Expect(HttpStatusCode.PreconditionFailed);

        (await owner.PostJsonAsync($"/api/v1/groups/{id}/members/{manager}")).Expect(HttpStatusCode.NoContent);
        (await owner.PostJsonAsync($"/api/v1/groups/{id}/members/{manager}")).Expect(HttpStatusCode.NoContent);
        (await owner.DeleteJsonAsync($"/api/v1/groups/{id}/members/{viewer}")).Expect(HttpStatusCode.NoContent);
        (await owner.DeleteJsonAsync($"/api/v1/groups/{id}/members/{viewer}")).Expect(HttpStatusCode.NoContent);
        var now = (await owner.GetJsonAsync($"/api/v1/groups/{id}")).Expect(HttpStatusCode.OK);
        Assert.Equal(new[] { manager, agent }.Order(), MemberIds(now.Json).Order());

        var patched = (await owner.PatchJsonAsync($"/api/v1/groups/{id}", "{\"description\":null}", now.ETag)).Expect(HttpStatusCode.OK);
        Assert.Equal("Marina Team", patched.Json.GetProperty("name").GetString());
        Assert.Equal(JsonValueKind.Null, patched.Json.GetProperty("description").ValueKind);

        var byMember = (await owner.GetJsonAsync($"/api/v1/groups?memberId={agent}")).Expect(HttpStatusCode.OK).Json.GetProperty("items");
        Assert.Equal(id, Assert.Single(byMember.EnumerateArray()).GetProperty("id").GetGuid());
        var agentGroups = (await owner.GetJsonAsync($"/api/v1/users/{agent}")).Json.GetProperty("groups");
        Assert.Equal("Marina Team", Assert.Single(agentGroups.EnumerateArray()).GetProperty("name").GetString());

        (await owner.PostJsonAsync("/api/v1/groups", new { name = "marina team" })).ExpectProblem(HttpStatusCode.Conflict, "group.duplicate_name");
        (await owner.DeleteJsonAsync($"/api/v1/groups/{id}", now.ETag)).Expect(HttpStatusCode.PreconditionFailed);
        (await owner.DeleteJsonAsync($"/api/v1/groups/{id}")).Expect(HttpStatusCode.NoContent);
        (await owner.GetJsonAsync($"/api/v1/groups/{id}")).ExpectProblem(HttpStatusCode.NotFound, "group.not_found");
        Assert.Empty((await owner.GetJsonAsync($"/api/v1/users/{agent}")).Json.GetProperty("groups").EnumerateArray());
    }

    [Fact]
    public async Task Unknown_or_other_tenant_users_are_refused_and_nothing_changes()
    {
        var team = await fixture.CreateTeamAsync();
        var other = await fixture.CreateAsync();
        using var owner = fixture.ClientOf(team.Owner);
        var agent = team.Members["Agent"].Id;
        var stranger = other.OwnerId;
        var id = (await owner.PostJsonAsync("/api/v1/groups", new { name = "Towers", memberIds = new[] { agent } })).Expect(HttpStatusCode.Created).Id;
        var before = (await owner.GetJsonAsync($"/api/v1/groups/{id}")).Expect(HttpStatusCode.OK);

        var refused = (await owner.PutJsonAsync($"/api/v1/groups/{id}/members", new { userIds = new[] { team.Members["Viewer"].Id, stranger } }))
            .ExpectProblem(HttpStatusCode.BadRequest, "group.unknown_users");
        Assert.Equal(stranger, Assert.Single(refused.Json.GetProperty("unknownUserIds").EnumerateArray()).GetGuid());
        (await owner.PostJsonAsync("/api/v1/groups", new { name = "Ghosts", memberIds = new[] { Guid.NewGuid() } }))
            .ExpectProblem(HttpStatusCode.BadRequest, "group.unknown_users");
        (await owner.PostJsonAsync($"/api/v1/groups/{id}/members/{stranger}")).ExpectProblem(HttpStatusCode.NotFound, "user.not_found");
        (await owner.DeleteJsonAsync($"/api/v1/groups/{id}/members/{Guid.NewGuid()}")).ExpectProblem(HttpStatusCode.NotFound, "user.not_found");
        (await owner.PostJsonAsync($"/api/v1/groups/{Guid.NewGuid()}/members/{agent}")).ExpectProblem(HttpStatusCode.NotFound, "group.not_found");

        var after = (await owner.GetJsonAsync($"/api/v1/groups/{id}")).Expect(HttpStatusCode.OK);
        Assert.Equal(before.Body, after.Body);
        Assert.Equal(before.ETag, after.ETag);
        Assert.DoesNotContain("Ghosts", (await owner.GetJsonAsync("/api/v1/groups")).Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Users_list_filters_by_group()
    {
        var team = await fixture.CreateTeamAsync();
        using var owner = fixture.ClientOf(team.Owner);
        var group = (await owner.PostJsonAsync("/api/v1/groups", new { name = "Sales", memberIds = new[] { team.Members["Manager"].Id } })).Id;

        (await owner.PostJsonAsync($"/api/v1/groups/{group}/members/{team.Members["Agent"].Id}")).Expect(HttpStatusCode.NoContent);
        var members = (await owner.GetJsonAsync($"/api/v1/users?groupId={group}")).Expect(HttpStatusCode.OK).Json.GetProperty("items");
        Assert.Equal(
            new[] { team.Members["Manager"].Id, team.Members["Agent"].Id }.Order(),
            members.EnumerateArray().Select(u => u.GetProperty("id").GetGuid()).Order());
    }

    private static IEnumerable<Guid> MemberIds(JsonElement group) =>
        group.GetProperty("members").EnumerateArray().Select(m => m.GetProperty("userId").GetGuid());
}
