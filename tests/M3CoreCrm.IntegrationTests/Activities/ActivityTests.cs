using System.Net;
using M3CoreCrm.IntegrationTests.Deals;
using M3CoreCrm.IntegrationTests.Infrastructure;
using static M3CoreCrm.IntegrationTests.Activities.ActivitiesKit;

namespace M3CoreCrm.IntegrationTests.Activities;

/// <summary>Activities: CRUD with ETags, lists and filters, target and participant validation, deleted targets.</summary>
[Collection("api")]
public sealed class ActivityTests(ApiFixture fixture)
{
    [Fact]
    public async Task An_activity_is_logged_read_patched_deleted_and_restored()
    {
        var tenant = await fixture.CreateAsync();
        using var client = await fixture.OwnerClientAsync(tenant);
        var contact = await client.NewContactAsync();
        var company = await client.NewCompanyAsync();
        var at = DateTimeOffset.UtcNow.AddHours(-2);

        var created = await client.LogAsync(new
        {
            type = "call",
            subject = "First call",
            body = "Wants a 2-bed",
            occurredAt = at,
            durationMinutes = 12,
            direction = "outbound",
            outcome = "interested",
            participantUserIds = new[] { tenant.OwnerId },
            participantContactIds = new[] { contact },
            targets = new[] { Target("contact", contact), Target("Company", company) },
        });
        var activity = created.Created();
        Assert.Equal($"/api/v1/activities/{activity.Id()}", created.Location);
        Assert.NotNull(created.ETag);
        Assert.Equal("call", activity.Str("type"));
        Assert.Equal(tenant.OwnerId, activity.GetProperty("ownerId").GetGuid());
        Assert.Equal([("company", company, false), ("contact", contact, false)], activity.Targets().OrderBy(t => t.Type).ToList());

        var read = await client.FetchAsync($"/api/v1/activities/{activity.Id()}");
        Assert.Equal(created.ETag, read.ETag);

        (await client.PatchAsync($"/api/v1/activities/{activity.Id()}", new { subject = "Stale" }, "\"999\"")).Problem(HttpStatusCode.PreconditionFailed);
        var patched = await client.PatchAsync($"/api/v1/activities/{activity.Id()}", new { subject = "Second call", outcome = "callback", targets = new[] { Target("contact", contact) } }, read.ETag);
        Assert.Equal("Second call", patched.Ok().Str("subject"));
        Assert.Equal("callback", patched.Body.Str("outcome"));
        Assert.Single(patched.Body.Targets());
        Assert.NotEqual(read.ETag, patched.ETag);

        (await client.DropAsync($"/api/v1/activities/{activity.Id()}", read.ETag)).Problem(HttpStatusCode.PreconditionFailed);
        Assert.Equal(HttpStatusCode.NoContent, (await client.DropAsync($"/api/v1/activities/{activity.Id()}", patched.ETag)).Status);
        (await client.FetchAsync($"/api/v1/activities/{activity.Id()}")).Problem(HttpStatusCode.NotFound, "activity.not_found");
        Assert.Empty(await client.ItemsAsync("/api/v1/activities"));
        (await client.PostAsync($"/api/v1/activities/{activity.Id()}/restore")).Ok();
        (await client.FetchAsync($"/api/v1/activities/{activity.Id()}")).Ok();
    }

    [Fact]
    public async Task Lists_page_newest_first_and_filter_by_type_target_owner_and_time()
    {
        var tenant = await fixture.CreateAsync();
        using var client = await fixture.OwnerClientAsync(tenant);
        var (a, b) = (await client.NewContactAsync("A"), await client.NewContactAsync("B"));
        var now = DateTimeOffset.UtcNow;
        var ids = new List<Guid>();
        for (var i = 0; i < 5; i++)
        {
            ids.Add((await client.NoteAsync(now.AddDays(-i), Target("contact", i % 2 == 0 ? a : b))).Id());
        }

        var call = (await client.LogAsync(new { type = "call", occurredAt = now.AddDays(-10), targets = new[] { Target("contact", a) } })).Created().Id();

        var all = await client.AllPagesAsync("/api/v1/activities?limit=2");
        Assert.Equal([.. ids, call], all.Select(x => x.Id()));
        Assert.Equal([call], (await client.ItemsAsync("/api/v1/activities?type=call")).Select(x => x.Id()));
        Assert.Equal([ids[0], ids[2], ids[4], call], (await client.ItemsAsync($"/api/v1/activities?targetType=contact&targetId={a}")).Select(x => x.Id()));
        Assert.Equal([ids[1], ids[3]], (await client.ItemsAsync($"/api/v1/activities?targetType=contact&targetId={b}")).Select(x => x.Id()));
        Assert.Equal(6, (await client.ItemsAsync($"/api/v1/activities?ownerId={tenant.OwnerId}")).Count);
        Assert.Empty(await client.ItemsAsync($"/api/v1/activities?ownerId={Guid.NewGuid()}"));
        var from = Uri.EscapeDataString(now.AddDays(-3.5).ToString("O"));
        var to = Uri.EscapeDataString(now.AddDays(-0.5).ToString("O"));
        Assert.Equal([ids[1], ids[2], ids[3]], (await client.ItemsAsync($"/api/v1/activities?occurredFrom={from}&occurredTo={to}")).Select(x => x.Id()));
        (await client.FetchAsync($"/api/v1/activities?targetType=contact")).FieldError("targetType");
        (await client.FetchAsync($"/api/v1/activities?targetType=planet&targetId={a}")).FieldError("targetType");
    }

    [Fact]
    public async Task Bad_targets_participants_and_durations_are_refused_and_nothing_is_written()
    {
        var tenant = await fixture.CreateAsync();
        var other = await fixture.CreateAsync();
        using var client = await fixture.OwnerClientAsync(tenant);
        using var otherClient = await fixture.OwnerClientAsync(other);
        var contact = await client.NewContactAsync();
        var foreignContact = await otherClient.NewContactAsync();
        var now = DateTimeOffset.UtcNow;

        object Body(object target, int? duration = null, string type = "call", string? direction = null, Guid[]? users = null) =>
            new { type, occurredAt = now, durationMinutes = duration, direction, participantUserIds = users, targets = new[] { target } };

        (await client.LogAsync(Body(Target("contact", Guid.NewGuid())))).FieldError("targets");
        (await client.LogAsync(Body(Target("contact", foreignContact)))).FieldError("targets");
        (await client.LogAsync(Body(Target("company", contact)))).FieldError("targets");
        (await client.LogAsync(Body(Target("planet", contact)))).Problem(HttpStatusCode.BadRequest);
        (await client.LogAsync(Body(Target("unit", Guid.NewGuid())))).FieldError("targets");
        (await client.LogAsync(Body(Target("deal", contact)))).FieldError("targets");
        (await client.LogAsync(new { type = "call", occurredAt = new DateTimeOffset(1999, 12, 31, 0, 0, 0, TimeSpan.Zero), targets = new[] { Target("contact", contact) } })).FieldError("occurredAt");
        (await client.LogAsync(new { type = "call", occurredAt = now.AddYears(2), targets = new[] { Target("contact", contact) } })).FieldError("occurredAt");
        (await client.LogAsync(Body(Target("contact", contact), duration: 24 * 60 + 1))).FieldError("durationMinutes");
        (await client.LogAsync(Body(Target("contact", contact), duration: -1))).FieldError("durationMinutes");
        (await client.LogAsync(Body(Target("contact", contact), type: "note", direction: "inbound"))).FieldError("direction");
        (await client.LogAsync(Body(Target("contact", contact), users: [other.OwnerId]))).FieldError("participantUserIds");
        (await client.LogAsync(new { type = "note", occurredAt = now, targets = Array.Empty<object>() })).FieldError("targets");
        (await client.LogAsync(new { type = "meeting", occurredAt = now, targets = new[] { Target("contact", contact) }, participantContactIds = new[] { foreignContact } })).FieldError("participantContactIds");

        Assert.Empty(await client.ItemsAsync("/api/v1/activities"));

        // A patch that adds a bad target or a negative duration changes nothing either.
        var good = await client.LogAsync(Body(Target("contact", contact), duration: 5));
        var etag = good.ETag;
        (await client.PatchAsync($"/api/v1/activities/{good.Created().Id()}", new { durationMinutes = -5 }, etag)).FieldError("durationMinutes");
        (await client.PatchAsync($"/api/v1/activities/{good.Body.Id()}", new { occurredAt = now.AddYears(5) }, etag)).FieldError("occurredAt");
        (await client.PatchAsync($"/api/v1/activities/{good.Body.Id()}", new { targets = new[] { Target("contact", foreignContact) } }, etag)).FieldError("targets");
        var after = await client.FetchAsync($"/api/v1/activities/{good.Body.Id()}");
        Assert.Equal(etag, after.ETag);
        Assert.Equal(5, after.Ok().GetProperty("durationMinutes").GetInt32());
    }

    [Fact]
    public async Task A_deleted_target_stays_on_the_activity_and_is_marked()
    {
        var tenant = await fixture.CreateAsync();
        using var client = await fixture.OwnerClientAsync(tenant);
        var (kept, gone) = (await client.NewContactAsync("Kept"), await client.NewContactAsync("Gone"));
        var activity = await client.NoteAsync(DateTimeOffset.UtcNow, Target("contact", kept), Target("contact", gone));
        var contact = await client.FetchAsync($"/api/v1/contacts/{gone}");
        Assert.Equal(HttpStatusCode.NoContent, (await client.DropAsync($"/api/v1/contacts/{gone}", contact.ETag)).Status);

        var read = (await client.FetchAsync($"/api/v1/activities/{activity.Id()}")).Ok();
        Assert.Contains(("contact", gone, true), read.Targets());
        Assert.Contains(("contact", kept, false), read.Targets());
        var listed = Assert.Single(await client.ItemsAsync($"/api/v1/activities?targetType=contact&targetId={gone}"));
        Assert.Contains(("contact", gone, true), listed.Targets());

        // Editing other fields keeps the deleted target; adding it anew is refused.
        (await client.PatchAsync($"/api/v1/activities/{activity.Id()}", new { subject = "Still here" })).Ok();
        var fresh = await client.LogAsync(new { type = "note", occurredAt = DateTimeOffset.UtcNow, targets = new[] { Target("contact", gone) } });
        fresh.FieldError("targets");
    }
}
