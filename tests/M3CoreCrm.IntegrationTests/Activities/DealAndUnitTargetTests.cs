using System.Net;
using M3CoreCrm.IntegrationTests.Deals;
using M3CoreCrm.IntegrationTests.Infrastructure;
using M3CoreCrm.IntegrationTests.Inventory;
using static M3CoreCrm.IntegrationTests.Activities.ActivitiesKit;

namespace M3CoreCrm.IntegrationTests.Activities;

/// <summary>Deals and units as targets of activities and tasks: checked through Deals' and Inventory's contracts, marked when deleted.</summary>
[Collection("api")]
public sealed class DealAndUnitTargetTests(ApiFixture fixture)
{
    [Fact]
    public async Task Deals_and_units_are_targets_and_another_tenants_or_unknown_ones_are_refused_without_writing()
    {
        var tenant = await fixture.CreateAsync();
        var other = await fixture.CreateAsync();
        using var client = await fixture.OwnerClientAsync(tenant);
        using var stranger = await fixture.OwnerClientAsync(other);
        var deal = (await client.CreateDealAsync(new { title = "Marina 2BR" })).Id();
        var unit = await client.UnitAsync();
        var foreignDeal = (await stranger.CreateDealAsync(new { title = "Not yours" })).Id();
        var foreignUnit = await stranger.UnitAsync();
        var due = DateTimeOffset.UtcNow.AddDays(1);

        var activity = await client.LogAsync(new { type = "siteVisit", occurredAt = DateTimeOffset.UtcNow, durationMinutes = 45, targets = new[] { Target("deal", deal), Target("unit", unit) } });
        Assert.Equal([("deal", deal, false), ("unit", unit, false)], activity.Created().Targets());
        var task = await client.NewTaskAsync(due, [Target("Deal", deal), Target("UNIT", unit)]);
        Assert.Equal([("deal", deal, false), ("unit", unit, false)], task.Targets());

        foreach (var bad in new[] { Target("deal", foreignDeal), Target("unit", foreignUnit), Target("deal", Guid.NewGuid()), Target("unit", deal), Target("deal", unit) })
        {
            (await client.LogAsync(new { type = "call", occurredAt = DateTimeOffset.UtcNow, targets = new[] { Target("deal", deal), bad } })).FieldError("targets");
            (await client.PostAsync("/api/v1/tasks", new { title = "Bad", dueAt = due, targets = new[] { bad } })).FieldError("targets");
        }

        (await client.PatchAsync($"/api/v1/activities/{activity.Body.Id()}", new { targets = new[] { Target("deal", foreignDeal) } }, activity.ETag)).FieldError("targets");
        (await client.PatchAsync($"/api/v1/tasks/{task.Id()}", new { targets = new[] { Target("unit", foreignUnit) } })).FieldError("targets");

        Assert.Equal(activity.ETag, (await client.FetchAsync($"/api/v1/activities/{activity.Body.Id()}")).ETag);
        Assert.Equal([activity.Body.Id()], (await client.ItemsAsync("/api/v1/activities")).Select(a => a.Id()));
        Assert.Equal([task.Id()], (await client.ItemsAsync("/api/v1/tasks")).Select(t => t.Id()));
        Assert.Equal([task.Id()], (await client.ItemsAsync($"/api/v1/tasks?targetType=unit&targetId={unit}")).Select(t => t.Id()));
        Assert.Equal([activity.Body.Id()], (await client.ItemsAsync($"/api/v1/activities?targetType=deal&targetId={deal}")).Select(a => a.Id()));
        Assert.Empty(await stranger.ItemsAsync("/api/v1/activities"));
        Assert.Empty(await stranger.ItemsAsync("/api/v1/tasks"));
    }

    [Fact]
    public async Task A_deleted_deal_or_unit_stays_on_activities_tasks_and_timelines_marked_and_unmarked_when_restored()
    {
        var tenant = await fixture.CreateAsync();
        using var client = await fixture.OwnerClientAsync(tenant);
        var contact = await client.NewContactAsync();
        var deal = (await client.CreateDealAsync(new { title = "Palm villa" })).Id();
        var unit = await client.UnitAsync();
        var activity = await client.NoteAsync(DateTimeOffset.UtcNow, Target("contact", contact), Target("deal", deal), Target("unit", unit));
        var task = await client.NewTaskAsync(DateTimeOffset.UtcNow.AddDays(1), [Target("deal", deal), Target("unit", unit)]);

        Assert.Equal(HttpStatusCode.NoContent, (await client.DropAsync($"/api/v1/deals/{deal}")).Status);
        Assert.Equal(HttpStatusCode.NoContent, (await client.DropAsync($"{InventoryTestKit.Base}/units/{unit}")).Status);

        var expected = new List<(string, Guid, bool)> { ("contact", contact, false), ("deal", deal, true), ("unit", unit, true) };
        Assert.Equal(expected, (await client.FetchAsync($"/api/v1/activities/{activity.Id()}")).Ok().Targets());
        Assert.Equal([("deal", deal, true), ("unit", unit, true)], (await client.FetchAsync($"/api/v1/tasks/{task.Id()}")).Ok().Targets());
        var listed = Assert.Single(await client.ItemsAsync($"/api/v1/activities?targetType=deal&targetId={deal}"));
        Assert.Equal(expected, listed.Targets());

        // The contact's timeline keeps the activity, its deleted deal and unit marked; the deleted records' own timelines are gone.
        var onContact = (await client.AllPagesAsync($"/api/v1/timeline/contact/{contact}")).Single(i => i.Str("kind") == "activity");
        Assert.Equal(expected, onContact.GetProperty("activity").Targets());
        (await client.FetchAsync($"/api/v1/timeline/deal/{deal}")).Problem(HttpStatusCode.NotFound);
        (await client.FetchAsync($"/api/v1/timeline/unit/{unit}")).Problem(HttpStatusCode.NotFound);

        // A deleted record is no new target, but edits of other fields keep it; a call from the task goes to no record.
        (await client.PostAsync("/api/v1/tasks", new { title = "Gone", dueAt = DateTimeOffset.UtcNow.AddDays(1), targets = new[] { Target("deal", deal) } })).FieldError("targets");
        (await client.PatchAsync($"/api/v1/tasks/{task.Id()}", new { title = "Still about the villa" })).Ok();
        (await client.PostAsync($"/api/v1/tasks/{task.Id()}/complete", new { logCall = new { outcome = "answered" } })).Problem(HttpStatusCode.BadRequest, "task.no_live_targets");

        (await client.PostAsync($"/api/v1/deals/{deal}/restore")).Ok();
        (await client.PostAsync($"{InventoryTestKit.Base}/units/{unit}/restore")).Ok();
        Assert.All((await client.FetchAsync($"/api/v1/activities/{activity.Id()}")).Ok().Targets(), t => Assert.False(t.Deleted));
        Assert.Single(await client.AllPagesAsync($"/api/v1/timeline/deal/{deal}"), i => i.Str("kind") == "activity");
    }
}
