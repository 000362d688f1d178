using System.Net;
using M3CoreCrm.IntegrationTests.Deals;
using M3CoreCrm.IntegrationTests.Infrastructure;
using static M3CoreCrm.IntegrationTests.Activities.ActivitiesKit;

namespace M3CoreCrm.IntegrationTests.Activities;

/// <summary>Record timelines, contact merges moving targets, permissions and scopes, cross-tenant 404s.</summary>
[Collection("api")]
public sealed class TimelineAndAccessTests(ApiFixture fixture)
{
    [Fact]
    public async Task A_timeline_merges_activities_tasks_and_changes_newest_first_across_pages()
    {
        var tenant = await fixture.CreateAsync();
        using var client = await fixture.OwnerClientAsync(tenant);
        var contact = await client.NewContactAsync();
        var now = DateTimeOffset.UtcNow;
        var old = await client.NoteAsync(now.AddDays(-3), Target("contact", contact));
        var task = await client.NewTaskAsync(now.AddDays(1), [Target("contact", contact)]);
        var recent = await client.NoteAsync(now.AddMinutes(-1), Target("contact", contact));
        var elsewhere = await client.NoteAsync(now, Target("contact", await client.NewContactAsync("Other")));
        var read = await client.FetchAsync($"/api/v1/contacts/{contact}");
        (await client.PatchAsync($"/api/v1/contacts/{contact}", new { lastName = "Khan" }, read.ETag)).Ok();

        var items = await client.AllPagesAsync($"/api/v1/timeline/contact/{contact}?limit=2");
        var kinds = items.Select(i => i.Str("kind")).ToList();
        Assert.Contains("activity", kinds);
        Assert.Contains("task", kinds);
        Assert.Contains("change", kinds);
        var ats = items.Select(i => i.GetProperty("at").GetDateTimeOffset()).ToList();
        Assert.Equal(ats.OrderDescending(), ats);
        Assert.Equal(items.Count, items.Select(i => i.Id()).Distinct().Count());
        Assert.Equal(
            new[] { recent.Id(), old.Id() },
            items.Where(i => i.Str("kind") == "activity").Select(i => i.Id()));
        Assert.DoesNotContain(elsewhere.Id(), items.Select(i => i.Id()));
        Assert.Equal(task.Id(), items.Single(i => i.Str("kind") == "task").GetProperty("task").Id());
        var changes = items.Where(i => i.Str("kind") == "change").ToList();
        Assert.Contains(changes, c => c.GetProperty("change").Str("action") == "updated");
        Assert.Contains(changes, c => c.GetProperty("change").Str("action") == "created");
        // The patch is the newest thing that happened to the contact.
        Assert.Equal("change", kinds[0]);

        (await client.FetchAsync($"/api/v1/timeline/contact/{Guid.NewGuid()}")).Problem(HttpStatusCode.NotFound);
        (await client.FetchAsync($"/api/v1/timeline/planet/{contact}")).FieldError("entityType");
        (await client.FetchAsync($"/api/v1/timeline/unit/{contact}")).Problem(HttpStatusCode.NotFound);
        (await client.FetchAsync($"/api/v1/timeline/deal/{contact}")).Problem(HttpStatusCode.NotFound);
        (await client.FetchAsync($"/api/v1/timeline/contact/{contact}?cursor=forged")).Problem(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Merging_contacts_moves_activity_and_task_targets_to_the_survivor()
    {
        var tenant = await fixture.CreateAsync();
        using var client = await fixture.OwnerClientAsync(tenant);
        var (survivor, merged) = (await client.NewContactAsync("Survivor"), await client.NewContactAsync("Merged"));
        var onMerged = (await client.LogAsync(new
        {
            type = "meeting",
            occurredAt = DateTimeOffset.UtcNow,
            participantContactIds = new[] { merged },
            targets = new[] { Target("contact", merged) },
        })).Created();
        var onBoth = await client.NoteAsync(DateTimeOffset.UtcNow, Target("contact", merged), Target("contact", survivor));
        var task = await client.NewTaskAsync(DateTimeOffset.UtcNow.AddDays(1), [Target("contact", merged)]);

        var read = await client.FetchAsync($"/api/v1/contacts/{survivor}");
        (await client.PostAsync($"/api/v1/contacts/{survivor}/merge", new { otherId = merged }, read.ETag)).Ok();

        var moved = (await client.FetchAsync($"/api/v1/activities/{onMerged.Id()}")).Ok();
        Assert.Equal([("contact", survivor, false)], moved.Targets());
        Assert.Equal([survivor], moved.GetProperty("participantContactIds").EnumerateArray().Select(e => e.GetGuid()));
        Assert.Equal([("contact", survivor, false)], (await client.FetchAsync($"/api/v1/activities/{onBoth.Id()}")).Ok().Targets());
        Assert.Equal([("contact", survivor, false)], (await client.FetchAsync($"/api/v1/tasks/{task.Id()}")).Ok().Targets());
        Assert.Empty(await client.ItemsAsync($"/api/v1/activities?targetType=contact&targetId={merged}"));
        var timeline = await client.AllPagesAsync($"/api/v1/timeline/contact/{survivor}");
        Assert.Equal(3, timeline.Count(i => i.Str("kind") is "activity" or "task"));
    }

    [Fact]
    public async Task Agents_see_and_change_only_their_own_activities_and_tasks()
    {
        var tenant = await fixture.CreateAsync();
        using var owner = await fixture.OwnerClientAsync(tenant);
        var (agent1, agent2) = (await fixture.AddUserAsync(tenant, "Agent"), await fixture.AddUserAsync(tenant, "Agent"));
        var viewer = await fixture.AddUserAsync(tenant, "Viewer");
        using var one = await fixture.ClientAsync(tenant, agent1);
        using var two = await fixture.ClientAsync(tenant, agent2);
        using var watcher = await fixture.ClientAsync(tenant, viewer);
        // Targets must be records the caller may read: the contact is agent one's.
        var contact = (await M3CoreCrm.IntegrationTests.Contacts.ContactsKit.CreateContactAsync(owner, new { firstName = "Ayesha", ownerId = agent1.Id })).GetProperty("id").GetGuid();
        var mine = await one.NoteAsync(DateTimeOffset.UtcNow, Target("contact", contact));
        var ownersNote = await owner.NoteAsync(DateTimeOffset.UtcNow, Target("contact", contact));
        var task = await one.NewTaskAsync(DateTimeOffset.UtcNow.AddDays(1), [Target("contact", contact)]);
        Assert.Equal(agent1.Id, task.GetProperty("assigneeId").GetGuid());

        Assert.Equal([mine.Id()], (await one.ItemsAsync("/api/v1/activities")).Select(a => a.Id()));
        Assert.Empty(await two.ItemsAsync("/api/v1/activities"));
        Assert.Equal(2, (await owner.ItemsAsync("/api/v1/activities")).Count);
        (await two.FetchAsync($"/api/v1/activities/{mine.Id()}")).Problem(HttpStatusCode.NotFound);
        (await two.PatchAsync($"/api/v1/activities/{mine.Id()}", new { subject = "Mine now" })).Problem(HttpStatusCode.NotFound);
        (await one.FetchAsync($"/api/v1/activities/{ownersNote.Id()}")).Problem(HttpStatusCode.NotFound);
        (await two.FetchAsync($"/api/v1/tasks/{task.Id()}")).Problem(HttpStatusCode.NotFound);
        (await two.PostAsync($"/api/v1/tasks/{task.Id()}/complete")).Problem(HttpStatusCode.NotFound);
        Assert.Empty(await two.ItemsAsync("/api/v1/tasks"));
        (await one.PostAsync("/api/v1/tasks", new { title = "For you", dueAt = DateTimeOffset.UtcNow.AddDays(1), assigneeId = agent2.Id, targets = new[] { Target("contact", contact) } }))
            .Problem(HttpStatusCode.Forbidden, "task.assignee_out_of_scope");

        // The timeline shows an agent their own activities and tasks, and no audit changes.
        var timeline = await one.AllPagesAsync($"/api/v1/timeline/contact/{contact}");
        Assert.Equal(new[] { mine.Id(), task.Id() }.Order(), timeline.Select(i => i.Id()).Order());

        // A viewer reads nothing of others (own scope) and writes nothing.
        (await watcher.LogAsync(new { type = "note", occurredAt = DateTimeOffset.UtcNow, targets = new[] { Target("contact", contact) } })).Problem(HttpStatusCode.Forbidden);
        (await watcher.PostAsync($"/api/v1/tasks/{task.Id()}/complete")).Problem(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Another_tenants_activities_tasks_and_timelines_are_not_found()
    {
        var tenant = await fixture.CreateAsync();
        var other = await fixture.CreateAsync();
        using var client = await fixture.OwnerClientAsync(tenant);
        using var stranger = await fixture.OwnerClientAsync(other);
        var contact = await client.NewContactAsync();
        var activity = await client.NoteAsync(DateTimeOffset.UtcNow, Target("contact", contact));
        var task = await client.NewTaskAsync(DateTimeOffset.UtcNow.AddDays(1), [Target("contact", contact)]);

        (await stranger.FetchAsync($"/api/v1/activities/{activity.Id()}")).Problem(HttpStatusCode.NotFound);
        (await stranger.PatchAsync($"/api/v1/activities/{activity.Id()}", new { subject = "x" })).Problem(HttpStatusCode.NotFound);
        (await stranger.DropAsync($"/api/v1/activities/{activity.Id()}")).Problem(HttpStatusCode.NotFound);
        (await stranger.PostAsync($"/api/v1/activities/{activity.Id()}/restore")).Problem(HttpStatusCode.NotFound);
        (await stranger.FetchAsync($"/api/v1/tasks/{task.Id()}")).Problem(HttpStatusCode.NotFound);
        (await stranger.PostAsync($"/api/v1/tasks/{task.Id()}/complete")).Problem(HttpStatusCode.NotFound);
        (await stranger.PostAsync($"/api/v1/tasks/{task.Id()}/cancel")).Problem(HttpStatusCode.NotFound);
        (await stranger.FetchAsync($"/api/v1/timeline/contact/{contact}")).Problem(HttpStatusCode.NotFound);
        Assert.Empty(await stranger.ItemsAsync($"/api/v1/activities?targetType=contact&targetId={contact}"));
        Assert.Empty(await stranger.ItemsAsync("/api/v1/tasks"));
    }
}
