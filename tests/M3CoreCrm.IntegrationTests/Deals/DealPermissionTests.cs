using System.Net;
using M3CoreCrm.IntegrationTests.Infrastructure;

namespace M3CoreCrm.IntegrationTests.Deals;

/// <summary>Who sees and does what: scoped deal permissions by role, and pipelines restricted to groups.</summary>
[Collection("api")]
public sealed class DealPermissionTests(ApiFixture fixture)
{
    [Fact]
    public async Task An_agent_sees_and_works_only_their_own_deals()
    {
        var tenant = await fixture.CreateAsync();
        var agent = await fixture.AddUserAsync(tenant, "Agent");
        var colleague = await fixture.AddUserAsync(tenant, "Agent");
        using var owner = await fixture.OwnerClientAsync(tenant);
        using var client = await fixture.ClientAsync(tenant, agent);
        var pipeline = await owner.DefaultPipelineAsync();
        var offer = pipeline.StageId("Offer");
        var others = await owner.CreateDealAsync(new { title = "Colleague's", ownerId = colleague.Id, stageId = offer, amount = 5_000_000m, expectedCloseDate = "2027-05-01" });

        var mine = await client.CreateDealAsync(new { title = "Mine", stageId = offer, amount = 1_000_000m, expectedCloseDate = "2027-05-02" });
        Assert.Equal(agent.Id, mine.GetProperty("ownerId").GetGuid());
        (await client.PostAsync("/api/v1/deals", new { title = "For a colleague", ownerId = colleague.Id })).Problem(HttpStatusCode.Forbidden, "deal.owner_out_of_scope");
        (await client.PatchAsync($"/api/v1/deals/{mine.Id()}", new { ownerId = colleague.Id })).Problem(HttpStatusCode.Forbidden, "deal.owner_out_of_scope");

        Assert.Equal([mine.Id()], (await client.ItemsAsync("/api/v1/deals")).Select(d => d.Id()));
        (await client.FetchAsync($"/api/v1/deals/{others.Id()}")).Problem(HttpStatusCode.NotFound);
        (await client.PatchAsync($"/api/v1/deals/{others.Id()}", new { title = "Mine now" })).Problem(HttpStatusCode.NotFound);
        (await client.PostAsync($"/api/v1/deals/{others.Id()}/win")).Problem(HttpStatusCode.NotFound);
        (await client.PostAsync($"/api/v1/deals/{others.Id()}/move", new { stageId = pipeline.StageId("Contract") })).Problem(HttpStatusCode.NotFound);

        var board = (await client.FetchAsync("/api/v1/deals/board")).Ok();
        var column = board.GetProperty("stages").EnumerateArray().Single(c => c.GetProperty("stage").Id() == offer);
        Assert.Equal(1, column.GetProperty("count").GetInt32());
        Assert.Equal(1_000_000m, column.GetProperty("totals")[0].GetProperty("total").GetDecimal());
        var forecast = (await client.FetchAsync("/api/v1/deals/forecast?from=2027-05-01&to=2027-05-31")).Ok();
        Assert.Equal(1_000_000m, forecast.GetProperty("months")[0].GetProperty("totals")[0].GetProperty("total").GetDecimal());

        (await client.PostAsync($"/api/v1/deals/{mine.Id()}/move", new { stageId = pipeline.StageId("Contract") })).Ok();
        (await client.PostAsync($"/api/v1/deals/{mine.Id()}/win")).Ok();
        (await client.DropAsync($"/api/v1/deals/{mine.Id()}")).Problem(HttpStatusCode.Forbidden, "auth.permission_denied");
        (await client.PostAsync("/api/v1/pipelines", new { name = "Mine", stages = new[] { new { name = "A", probability = 1 } } })).Problem(HttpStatusCode.Forbidden);
        (await client.PostAsync($"/api/v1/pipelines/{pipeline.Id()}/stages", new { name = "B", probability = 1 })).Problem(HttpStatusCode.Forbidden);

        // The owner still sees both, untouched by the agent's attempts.
        var all = await owner.ItemsAsync("/api/v1/deals");
        Assert.Equal(2, all.Count);
        Assert.Equal("Colleague's", all.Single(d => d.Id() == others.Id()).Str("title"));
    }

    [Fact]
    public async Task A_viewer_reads_everything_and_changes_nothing()
    {
        var tenant = await fixture.CreateAsync();
        var viewer = await fixture.AddUserAsync(tenant, "Viewer");
        using var owner = await fixture.OwnerClientAsync(tenant);
        using var client = await fixture.ClientAsync(tenant, viewer);
        var deal = await owner.CreateDealAsync(new { title = "Visible" });

        Assert.Equal([deal.Id()], (await client.ItemsAsync("/api/v1/deals")).Select(d => d.Id()));
        (await client.FetchAsync($"/api/v1/deals/{deal.Id()}")).Ok();
        (await client.FetchAsync("/api/v1/deals/board")).Ok();
        Assert.Single(await client.ItemsAsync("/api/v1/pipelines"));

        (await client.PostAsync("/api/v1/deals", new { title = "Nope" })).Problem(HttpStatusCode.Forbidden, "auth.permission_denied");
        (await client.PatchAsync($"/api/v1/deals/{deal.Id()}", new { title = "Nope" })).Problem(HttpStatusCode.Forbidden);
        (await client.PostAsync($"/api/v1/deals/{deal.Id()}/win")).Problem(HttpStatusCode.Forbidden);
        (await client.PostAsync($"/api/v1/deals/{deal.Id()}/lose", new { reason = "x" })).Problem(HttpStatusCode.Forbidden);
        (await client.DropAsync($"/api/v1/deals/{deal.Id()}")).Problem(HttpStatusCode.Forbidden);
        Assert.Equal("Visible", (await owner.FetchAsync($"/api/v1/deals/{deal.Id()}")).Ok().Str("title"));
        Assert.Single(await owner.ItemsAsync("/api/v1/deals"));
    }

    [Fact]
    public async Task A_manager_works_the_deals_of_their_groups()
    {
        var tenant = await fixture.CreateAsync();
        var (manager, member, outsider) = await fixture.AddTeamAsync(tenant);
        using var owner = await fixture.OwnerClientAsync(tenant);
        var teamDeal = await owner.CreateDealAsync(new { title = "Team", ownerId = member.Id });
        var outsiderDeal = await owner.CreateDealAsync(new { title = "Outside", ownerId = outsider.Id });
        using var client = await fixture.ClientAsync(tenant, manager);

        Assert.Equal([teamDeal.Id()], (await client.ItemsAsync("/api/v1/deals")).Select(d => d.Id()));
        (await client.FetchAsync($"/api/v1/deals/{outsiderDeal.Id()}")).Problem(HttpStatusCode.NotFound);
        (await client.PostAsync("/api/v1/deals", new { title = "For the team", ownerId = member.Id })).Created();
        (await client.PostAsync("/api/v1/deals", new { title = "For an outsider", ownerId = outsider.Id })).Problem(HttpStatusCode.Forbidden, "deal.owner_out_of_scope");
        (await client.DropAsync($"/api/v1/deals/{teamDeal.Id()}")).Expect(HttpStatusCode.NoContent);
    }

    [Fact]
    public async Task A_pipeline_restricted_to_groups_is_invisible_with_its_deals_to_everyone_else()
    {
        var tenant = await fixture.CreateAsync();
        var insider = await fixture.AddUserAsync(tenant, "Agent");
        var outsider = await fixture.AddUserAsync(tenant, "Agent");
        var viewer = await fixture.AddUserAsync(tenant, "Viewer");
        var group = await fixture.CreateGroupAsync(tenant, "Luxury desk", insider.Id);
        using var owner = await fixture.OwnerClientAsync(tenant);
        var luxury = await owner.CreatePipelineAsync("Luxury", [group]);
        Assert.Equal([group], luxury.GetProperty("groupIds").EnumerateArray().Select(g => g.GetGuid()));
        var open = await owner.DefaultPipelineAsync();
        using var insiderClient = await fixture.ClientAsync(tenant, insider);
        using var outsiderClient = await fixture.ClientAsync(tenant, outsider);
        using var viewerClient = await fixture.ClientAsync(tenant, viewer);

        var insiderDeal = await insiderClient.CreateDealAsync(new { title = "Sky villa", pipelineId = luxury.Id() });
        var outsiderDeal = await owner.CreateDealAsync(new { title = "Outsider's luxury", pipelineId = luxury.Id(), ownerId = outsider.Id });
        var outsiderOpen = await outsiderClient.CreateDealAsync(new { title = "Outsider's normal" });

        // The insider and the pipeline manager see the pipeline; the others do not, nor its deals, even their own.
        Assert.Equal(2, (await insiderClient.ItemsAsync("/api/v1/pipelines")).Count);
        Assert.Equal(2, (await owner.ItemsAsync("/api/v1/pipelines")).Count);
        Assert.Equal([open.Id()], (await outsiderClient.ItemsAsync("/api/v1/pipelines")).Select(p => p.Id()));
        Assert.Equal([open.Id()], (await viewerClient.ItemsAsync("/api/v1/pipelines")).Select(p => p.Id()));
        (await outsiderClient.FetchAsync($"/api/v1/pipelines/{luxury.Id()}")).Problem(HttpStatusCode.NotFound);
        (await outsiderClient.FetchAsync($"/api/v1/deals/board?pipelineId={luxury.Id()}")).Problem(HttpStatusCode.NotFound);
        (await outsiderClient.FetchAsync($"/api/v1/deals/{outsiderDeal.Id()}")).Problem(HttpStatusCode.NotFound);
        Assert.Equal([outsiderOpen.Id()], (await outsiderClient.ItemsAsync("/api/v1/deals")).Select(d => d.Id()));
        Assert.Equal([outsiderOpen.Id()], (await viewerClient.ItemsAsync("/api/v1/deals")).Select(d => d.Id()));
        (await viewerClient.FetchAsync($"/api/v1/deals/{insiderDeal.Id()}")).Problem(HttpStatusCode.NotFound);
        (await outsiderClient.PostAsync("/api/v1/deals", new { title = "Sneak in", pipelineId = luxury.Id() })).FieldError("pipelineId");
        (await outsiderClient.PostAsync($"/api/v1/deals/{outsiderOpen.Id()}/move", new { stageId = luxury.StageId("Viewing"), pipelineId = luxury.Id() })).FieldError("stageId");

        Assert.Equal([insiderDeal.Id()], (await insiderClient.ItemsAsync("/api/v1/deals")).Select(d => d.Id()));
        Assert.Equal(3, (await owner.ItemsAsync("/api/v1/deals")).Count);

        // Lifting the restriction shows it to everyone.
        (await owner.PatchAsync($"/api/v1/pipelines/{luxury.Id()}", new { groupIds = Array.Empty<Guid>() })).Ok();
        Assert.Equal(2, (await outsiderClient.ItemsAsync("/api/v1/pipelines")).Count);
        Assert.Equal(2, (await outsiderClient.ItemsAsync("/api/v1/deals")).Count);
    }
}
