using System.Net;
using System.Text.Json;
using M3CoreCrm.IntegrationTests.Deals;
using M3CoreCrm.IntegrationTests.Infrastructure;
using M3CoreCrm.IntegrationTests.Inventory;
using static M3CoreCrm.IntegrationTests.Activities.ActivitiesKit;

namespace M3CoreCrm.IntegrationTests.Activities;

/// <summary>Timelines of deals (with their stage moves, read through Deals' contract) and of units.</summary>
[Collection("api")]
public sealed class DealTimelineTests(ApiFixture fixture)
{
    [Fact]
    public async Task A_deal_timeline_merges_stage_moves_with_activities_tasks_and_changes_newest_first_on_every_page_size()
    {
        var tenant = await fixture.CreateAsync();
        using var client = await fixture.OwnerClientAsync(tenant);
        var pipeline = await client.DefaultPipelineAsync();
        var deal = (await client.CreateDealAsync(new { title = "Marina 2BR", amount = 1_800_000 })).Id();
        var note = await client.NoteAsync(DateTimeOffset.UtcNow.AddMinutes(-1), Target("deal", deal));
        (await client.PostAsync($"/api/v1/deals/{deal}/move", new { stageId = pipeline.StageId("Offer") })).Ok();
        var task = await client.NewTaskAsync(DateTimeOffset.UtcNow.AddDays(2), [Target("deal", deal)]);
        (await client.PostAsync($"/api/v1/deals/{deal}/lose", new { reason = "Bought elsewhere" })).Ok();
        await client.NoteAsync(DateTimeOffset.UtcNow, Target("deal", (await client.CreateDealAsync(new { title = "Another" })).Id()));

        var all = await client.AllPagesAsync($"/api/v1/timeline/deal/{deal}");
        var ats = all.Select(i => i.GetProperty("at").GetDateTimeOffset()).ToList();
        Assert.Equal(ats.OrderDescending(), ats);
        Assert.Equal(all.Count, all.Select(i => i.Id()).Distinct().Count());
        Assert.Equal([note.Id()], all.Where(i => i.Str("kind") == "activity").Select(i => i.Id()));
        Assert.Equal([task.Id()], all.Where(i => i.Str("kind") == "task").Select(i => i.Id()));
        Assert.Contains(all, i => i.Str("kind") == "change" && i.GetProperty("change").Str("action") == "created");

        var moves = all.Where(i => i.Str("kind") == "stageMove").Select(i => i.GetProperty("stageMove")).ToList();
        Assert.Equal(["lost", "moved", "created"], moves.Select(m => m.Str("action")));
        var (lost, moved, created) = (moves[0], moves[1], moves[2]);
        Assert.Equal(("Offer", "Lost"), (lost.Str("fromStageName"), lost.Str("toStageName")));
        Assert.Equal("Bought elsewhere", lost.Str("reason"));
        Assert.Equal(("New inquiry", "Offer"), (moved.Str("fromStageName"), moved.Str("toStageName")));
        Assert.Equal(pipeline.StageId("Offer"), moved.GetProperty("toStageId").GetGuid());
        Assert.Equal(tenant.OwnerId, moved.GetProperty("changedBy").GetGuid());
        Assert.Equal(JsonValueKind.Null, created.GetProperty("fromStageId").ValueKind);
        Assert.Equal("New inquiry", created.Str("toStageName"));

        // The same stream, one item per page and three per page, across the item kinds' cursors.
        Assert.Equal(all.Select(i => i.Id()), (await client.AllPagesAsync($"/api/v1/timeline/deal/{deal}?limit=1")).Select(i => i.Id()));
        Assert.Equal(all.Select(i => i.Id()), (await client.AllPagesAsync($"/api/v1/timeline/deal/{deal}?limit=3")).Select(i => i.Id()));
        (await client.FetchAsync($"/api/v1/timeline/deal/{deal}?limit=0")).Problem(HttpStatusCode.BadRequest);
        (await client.FetchAsync($"/api/v1/timeline/deal/{deal}?cursor=forged.cursor")).Problem(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task A_unit_timeline_has_its_activities_tasks_and_changes_and_no_stage_moves()
    {
        var tenant = await fixture.CreateAsync();
        using var client = await fixture.OwnerClientAsync(tenant);
        var unit = await client.UnitAsync();
        var visit = (await client.LogAsync(new { type = "siteVisit", occurredAt = DateTimeOffset.UtcNow, targets = new[] { Target("unit", unit) } })).Created();
        var task = await client.NewTaskAsync(DateTimeOffset.UtcNow.AddDays(1), [Target("unit", unit)]);

        var items = await client.AllPagesAsync($"/api/v1/timeline/unit/{unit}?limit=1");
        Assert.Equal([visit.Id()], items.Where(i => i.Str("kind") == "activity").Select(i => i.Id()));
        Assert.Equal([task.Id()], items.Where(i => i.Str("kind") == "task").Select(i => i.Id()));
        Assert.Contains(items, i => i.Str("kind") == "change");
        Assert.DoesNotContain(items, i => i.Str("kind") == "stageMove");
    }

    [Fact]
    public async Task Deal_and_unit_timelines_of_another_tenant_or_unknown_ids_are_not_found()
    {
        var tenant = await fixture.CreateAsync();
        var other = await fixture.CreateAsync();
        using var client = await fixture.OwnerClientAsync(tenant);
        using var stranger = await fixture.OwnerClientAsync(other);
        var deal = (await client.CreateDealAsync(new { title = "Mine" })).Id();
        var unit = await client.UnitAsync();
        await client.NoteAsync(DateTimeOffset.UtcNow, Target("deal", deal), Target("unit", unit));

        foreach (var path in new[] { $"deal/{deal}", $"unit/{unit}", $"deal/{Guid.NewGuid()}", $"unit/{Guid.NewGuid()}" })
        {
            (await stranger.FetchAsync($"/api/v1/timeline/{path}")).Problem(HttpStatusCode.NotFound);
        }

        (await client.FetchAsync($"/api/v1/timeline/deal/{unit}")).Problem(HttpStatusCode.NotFound);
        Assert.NotEmpty(await client.AllPagesAsync($"/api/v1/timeline/deal/{deal}"));
        Assert.NotEmpty(await client.AllPagesAsync($"/api/v1/timeline/unit/{unit}"));
    }

    [Fact]
    public async Task Stage_moves_show_only_to_callers_who_may_read_the_deal()
    {
        var tenant = await fixture.CreateAsync();
        using var owner = await fixture.OwnerClientAsync(tenant);
        var (agent1, agent2) = (await fixture.AddUserAsync(tenant, "Agent"), await fixture.AddUserAsync(tenant, "Agent"));
        using var one = await fixture.ClientAsync(tenant, agent1);
        using var two = await fixture.ClientAsync(tenant, agent2);
        var pipeline = await owner.DefaultPipelineAsync();
        var deal = (await owner.CreateDealAsync(new { title = "Agent one's deal", ownerId = agent1.Id })).Id();
        (await owner.PostAsync($"/api/v1/deals/{deal}/move", new { stageId = pipeline.StageId("Qualified") })).Ok();
        var missing = await two.PostAsync("/api/v1/activities", new { type = "note", subject = "On a deal", occurredAt = DateTimeOffset.UtcNow, targets = new[] { Target("deal", Guid.CreateVersion7()) } });
        var hidden = await two.PostAsync("/api/v1/activities", new { type = "note", subject = "On a deal", occurredAt = DateTimeOffset.UtcNow, targets = new[] { Target("deal", deal) } });

        // Agent two may not read the deal (deals.read: own): logging on it answers like a deal that does not exist,
        // and its timeline is not found.
        (await two.FetchAsync($"/api/v1/deals/{deal}")).Problem(HttpStatusCode.NotFound);
        missing.FieldError("targets");
        hidden.FieldError("targets");
        Assert.Equal(missing.Body.GetProperty("code").GetString(), hidden.Body.GetProperty("code").GetString());
        (await two.FetchAsync($"/api/v1/timeline/deal/{deal}")).Problem(HttpStatusCode.NotFound);

        // Agent one reads the deal: its moves and their own note, and no audit changes.
        var byOne = await one.NoteAsync(DateTimeOffset.UtcNow, Target("deal", deal));
        var seenByOne = await one.AllPagesAsync($"/api/v1/timeline/deal/{deal}");
        Assert.Equal(["activity", "stageMove", "stageMove"], seenByOne.Select(i => i.Str("kind")).Order());
        Assert.Contains(byOne.Id(), seenByOne.Where(i => i.Str("kind") == "activity").Select(i => i.Id()));

        // The owner sees everything.
        var kinds = (await owner.AllPagesAsync($"/api/v1/timeline/deal/{deal}")).Select(i => i.Str("kind")).ToHashSet();
        Assert.Superset(new HashSet<string> { "activity", "stageMove", "change" }, kinds);
    }
}
