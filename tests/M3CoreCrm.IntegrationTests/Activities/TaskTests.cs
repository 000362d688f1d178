using System.Net;
using M3CoreCrm.IntegrationTests.Deals;
using M3CoreCrm.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using static M3CoreCrm.IntegrationTests.Activities.ActivitiesKit;

namespace M3CoreCrm.IntegrationTests.Activities;

/// <summary>Tasks: CRUD, due-date sanity, complete with a logged call in one transaction, cancel/reopen, my due tasks on a fake clock.</summary>
[Collection("api")]
public sealed class TaskTests(ApiFixture fixture)
{
    [Fact]
    public async Task A_task_is_created_patched_deleted_and_restored_and_nonsense_dates_are_refused()
    {
        var tenant = await fixture.CreateAsync();
        using var client = await fixture.OwnerClientAsync(tenant);
        var contact = await client.NewContactAsync();
        var due = DateTimeOffset.UtcNow.AddDays(2);
        var targets = new[] { Target("contact", contact) };

        var created = await client.PostAsync("/api/v1/tasks", new { title = "Send brochure", dueAt = due, priority = "high", reminderAt = due.AddHours(-1), targets });
        var task = created.Created();
        Assert.Equal($"/api/v1/tasks/{task.Id()}", created.Location);
        Assert.Equal("open", task.Str("status"));
        Assert.Equal("high", task.Str("priority"));
        Assert.Equal(tenant.OwnerId, task.GetProperty("assigneeId").GetGuid());

        (await client.PostAsync("/api/v1/tasks", new { title = "Old", dueAt = new DateTimeOffset(1999, 12, 31, 0, 0, 0, TimeSpan.Zero), targets })).FieldError("dueAt");
        (await client.PostAsync("/api/v1/tasks", new { title = "Far", dueAt = DateTimeOffset.UtcNow.AddYears(11), targets })).FieldError("dueAt");
        (await client.PostAsync("/api/v1/tasks", new { title = "Late", dueAt = due, reminderAt = due.AddMinutes(1), targets })).FieldError("reminderAt");
        (await client.PostAsync("/api/v1/tasks", new { title = "Nowhere", dueAt = due, targets = new[] { Target("contact", Guid.NewGuid()) } })).FieldError("targets");
        (await client.PostAsync("/api/v1/tasks", new { title = "Unit", dueAt = due, targets = new[] { Target("unit", Guid.NewGuid()) } })).FieldError("targets");
        (await client.PostAsync("/api/v1/tasks", new { title = "Planet", dueAt = due, targets = new[] { Target("planet", contact) } })).Problem(HttpStatusCode.BadRequest);
        (await client.PostAsync("/api/v1/tasks", new { title = "Ancient", dueAt = due, reminderAt = new DateTimeOffset(1990, 1, 1, 0, 0, 0, TimeSpan.Zero), targets })).FieldError("reminderAt");
        (await client.PostAsync("/api/v1/tasks", new { title = "Stranger", dueAt = due, assigneeId = Guid.NewGuid(), targets })).FieldError("assigneeId");
        Assert.Single(await client.ItemsAsync("/api/v1/tasks"));
        var (from, to) = (Uri.EscapeDataString(due.ToString("O")), Uri.EscapeDataString(due.AddDays(-1).ToString("O")));
        (await client.FetchAsync($"/api/v1/tasks?dueFrom={from}&dueTo={to}")).FieldError("dueFrom");

        (await client.PatchAsync($"/api/v1/tasks/{task.Id()}", new { dueAt = DateTimeOffset.UtcNow.AddYears(20) }, created.ETag)).FieldError("dueAt");
        var patched = await client.PatchAsync($"/api/v1/tasks/{task.Id()}", new { title = "Send the brochure", reminderAt = (DateTimeOffset?)null }, created.ETag);
        Assert.Equal("Send the brochure", patched.Ok().Str("title"));
        (await client.PatchAsync($"/api/v1/tasks/{task.Id()}", new { title = "Stale" }, created.ETag)).Problem(HttpStatusCode.PreconditionFailed);

        Assert.Equal(HttpStatusCode.NoContent, (await client.DropAsync($"/api/v1/tasks/{task.Id()}", patched.ETag)).Status);
        (await client.FetchAsync($"/api/v1/tasks/{task.Id()}")).Problem(HttpStatusCode.NotFound, "task.not_found");
        (await client.PostAsync($"/api/v1/tasks/{task.Id()}/restore")).Ok();
        Assert.Equal([task.Id()], (await client.ItemsAsync($"/api/v1/tasks?targetType=contact&targetId={contact}&status=open")).Select(t => t.Id()));
    }

    [Fact]
    public async Task Completing_with_logCall_logs_the_call_in_the_same_transaction()
    {
        var tenant = await fixture.CreateAsync();
        using var client = await fixture.OwnerClientAsync(tenant);
        var contact = await client.NewContactAsync();
        var task = await client.NewTaskAsync(DateTimeOffset.UtcNow.AddHours(3), [Target("contact", contact)]);

        // A bad call leaves the task open and logs nothing.
        (await client.PostAsync($"/api/v1/tasks/{task.Id()}/complete", new { logCall = new { outcome = "answered", durationMinutes = -3 } })).FieldError("logCall.durationMinutes");
        Assert.Equal("open", (await client.FetchAsync($"/api/v1/tasks/{task.Id()}")).Ok().Str("status"));
        Assert.Empty(await client.ItemsAsync("/api/v1/activities"));

        var done = (await client.PostAsync($"/api/v1/tasks/{task.Id()}/complete", new { logCall = new { outcome = "answered", durationMinutes = 7, body = "Booked a viewing" } })).Ok();
        Assert.Equal("done", done.Str("status"));
        Assert.Equal(tenant.OwnerId, done.GetProperty("completedBy").GetGuid());
        Assert.NotEqual(JsonValueKindNull, done.GetProperty("completedAt").ValueKind);
        var callId = done.GetProperty("loggedActivityId").GetGuid();
        var call = (await client.FetchAsync($"/api/v1/activities/{callId}")).Ok();
        Assert.Equal("call", call.Str("type"));
        Assert.Equal("answered", call.Str("outcome"));
        Assert.Equal(7, call.GetProperty("durationMinutes").GetInt32());
        Assert.Equal(task.Id(), call.GetProperty("taskId").GetGuid());
        Assert.Equal([("contact", contact, false)], call.Targets());

        (await client.PostAsync($"/api/v1/tasks/{task.Id()}/complete")).Problem(HttpStatusCode.Conflict, "task.not_open");
        (await client.PostAsync($"/api/v1/tasks/{task.Id()}/cancel")).Problem(HttpStatusCode.Conflict, "task.not_open");
        var reopened = (await client.PostAsync($"/api/v1/tasks/{task.Id()}/reopen")).Ok();
        Assert.Equal("open", reopened.Str("status"));
        Assert.Equal(JsonValueKindNull, reopened.GetProperty("completedAt").ValueKind);
        (await client.PostAsync($"/api/v1/tasks/{task.Id()}/reopen")).Problem(HttpStatusCode.Conflict, "task.already_open");
        Assert.Equal("cancelled", (await client.PostAsync($"/api/v1/tasks/{task.Id()}/cancel")).Ok().Str("status"));

        // Completing without logCall logs nothing.
        var plain = await client.NewTaskAsync(DateTimeOffset.UtcNow.AddHours(3), [Target("contact", contact)]);
        Assert.Equal(JsonValueKindNull, (await client.PostAsync($"/api/v1/tasks/{plain.Id()}/complete")).Ok().GetProperty("loggedActivityId").ValueKind);
        Assert.Single(await client.ItemsAsync("/api/v1/activities"));
    }

    [Fact]
    public async Task My_tasks_by_due_use_the_tenants_time_zone_and_the_injected_clock()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var host = fixture.CreateFactory(services => services.AddSingleton<TimeProvider>(clock));
        var tenant = await fixture.CreateAsync(); // Asia/Dubai, UTC+4
        var agent = await fixture.AddUserAsync(tenant, "Agent");
        using var client = host.CreateClient().WithToken((await fixture.LoginOwnerAsync(tenant)).AccessToken);
        var contact = await client.NewContactAsync();
        var targets = new[] { Target("contact", contact) };

        // Now: 18:00 UTC = 22:00 in Dubai. Dubai's day runs from 20:00 UTC the day before to 20:00 UTC.
        var utcNow = clock.GetUtcNow();
        var now = new DateTimeOffset(utcNow.UtcDateTime.Date.AddDays(1).AddHours(18), TimeSpan.Zero);
        clock.SetUtcNow(now);

        var overdue = (await client.NewTaskAsync(now.AddHours(-1), targets)).Id();       // 21:00 Dubai today, past
        var laterToday = (await client.NewTaskAsync(now.AddHours(1.5), targets)).Id();   // 23:30 Dubai today
        var tomorrow = (await client.NewTaskAsync(now.AddHours(3), targets)).Id();       // 01:00 Dubai tomorrow (same UTC date)
        var inSixDays = (await client.NewTaskAsync(now.AddDays(6), targets)).Id();
        await client.NewTaskAsync(now.AddDays(8), targets);                               // beyond the week
        var done = (await client.NewTaskAsync(now.AddHours(-2), targets)).Id();
        (await client.PostAsync($"/api/v1/tasks/{done}/complete")).Ok();
        await client.NewTaskAsync(now.AddHours(-1), targets, assigneeId: agent.Id);       // someone else's

        async Task<List<Guid>> Mine(string due) => (await client.ItemsAsync($"/api/v1/tasks/mine?due={due}")).Select(t => t.Id()).ToList();

        Assert.Equal([overdue], await Mine("overdue"));
        Assert.Equal([overdue, laterToday], await Mine("today"));
        Assert.Equal([overdue, laterToday, tomorrow, inSixDays], await Mine("week"));
        Assert.Equal(5, (await client.ItemsAsync("/api/v1/tasks/mine")).Count);
        (await client.FetchAsync("/api/v1/tasks/mine?due=someday")).FieldError("due");

        // Two hours later it is 00:00 in Dubai: yesterday's evening tasks are overdue, 01:00 is today.
        clock.Advance(TimeSpan.FromHours(2));
        Assert.Equal([overdue, laterToday], await Mine("overdue"));
        Assert.Equal([tomorrow], await Mine("today"));
    }

    private const System.Text.Json.JsonValueKind JsonValueKindNull = System.Text.Json.JsonValueKind.Null;
}
