using System.Collections.Concurrent;
using System.Net;
using M3CoreCrm.BuildingBlocks.Events;
using M3CoreCrm.IntegrationTests.Infrastructure;
using M3CoreCrm.IntegrationTests.Inventory;
using M3CoreCrm.Modules.Deals.Contracts;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace M3CoreCrm.IntegrationTests.Deals;

/// <summary>Moving deals between stages and pipelines, winning, losing and reopening them, their history, events and rotting.</summary>
[Collection("api")]
public sealed class DealStageTests(ApiFixture fixture)
{
    [Fact]
    public async Task Moves_within_a_pipeline_write_history_and_restart_the_stage_clock()
    {
        var tenant = await fixture.CreateAsync();
        using var client = await fixture.OwnerClientAsync(tenant);
        var pipeline = await client.DefaultPipelineAsync();
        var deal = await client.CreateDealAsync(new { title = "Townhouse", amount = 3_000_000m });
        var created = await client.FetchAsync($"/api/v1/deals/{deal.Id()}");

        var moved = await client.PostAsync($"/api/v1/deals/{deal.Id()}/move", new { stageId = pipeline.StageId("Site visit") }, created.ETag);
        Assert.Equal(pipeline.StageId("Site visit"), moved.Ok().GetProperty("stageId").GetGuid());
        Assert.True(moved.Body.GetProperty("stageEnteredAt").GetDateTimeOffset() > deal.GetProperty("stageEnteredAt").GetDateTimeOffset());
        (await client.PostAsync($"/api/v1/deals/{deal.Id()}/move", new { stageId = pipeline.StageId("Offer") }, created.ETag)).Problem(HttpStatusCode.PreconditionFailed);

        // The same stage again is a no-op, not a second history row.
        (await client.PostAsync($"/api/v1/deals/{deal.Id()}/move", new { stageId = pipeline.StageId("Site visit"), pipelineId = pipeline.Id() })).Ok();
        // Won and lost are reached through win and lose only.
        (await client.PostAsync($"/api/v1/deals/{deal.Id()}/move", new { stageId = pipeline.StageId("Won") })).Problem(HttpStatusCode.BadRequest, "deal.use_win_or_lose");

        var history = (await client.FetchAsync($"/api/v1/deals/{deal.Id()}/history")).Ok().EnumerateArray().ToList();
        Assert.Equal(["created", "moved"], history.Select(h => h.Str("action")));
        Assert.Equal(pipeline.StageId("New inquiry"), history[1].GetProperty("fromStageId").GetGuid());
        Assert.Equal("New inquiry", history[1].Str("fromStageName"));
        Assert.Equal(pipeline.StageId("Site visit"), history[1].GetProperty("toStageId").GetGuid());
        Assert.Equal(tenant.OwnerId, history[1].GetProperty("changedBy").GetGuid());
        Assert.Equal(moved.Body.GetProperty("stageEnteredAt").GetDateTimeOffset(), history[1].GetProperty("at").GetDateTimeOffset());
    }

    [Fact]
    public async Task Moving_to_another_pipeline_needs_its_id()
    {
        var tenant = await fixture.CreateAsync();
        using var client = await fixture.OwnerClientAsync(tenant);
        var pipeline = await client.DefaultPipelineAsync();
        var leasing = await client.CreatePipelineAsync("Leasing");
        var deal = await client.CreateDealAsync(new { title = "Switcher", stageId = pipeline.StageId("Offer") });
        var viewing = leasing.StageId("Viewing");

        (await client.PostAsync($"/api/v1/deals/{deal.Id()}/move", new { stageId = viewing })).Problem(HttpStatusCode.BadRequest, "deal.cross_pipeline_move");
        (await client.PostAsync($"/api/v1/deals/{deal.Id()}/move", new { stageId = viewing, pipelineId = pipeline.Id() })).FieldError("stageId");
        Assert.Equal(pipeline.Id(), (await client.FetchAsync($"/api/v1/deals/{deal.Id()}")).Ok().GetProperty("pipelineId").GetGuid());

        var moved = (await client.PostAsync($"/api/v1/deals/{deal.Id()}/move", new { stageId = viewing, pipelineId = leasing.Id() })).Ok();
        Assert.Equal(leasing.Id(), moved.GetProperty("pipelineId").GetGuid());
        Assert.Equal(viewing, moved.GetProperty("stageId").GetGuid());

        var last = (await client.FetchAsync($"/api/v1/deals/{deal.Id()}/history")).Ok().EnumerateArray().Last();
        Assert.Equal(pipeline.Id(), last.GetProperty("fromPipelineId").GetGuid());
        Assert.Equal(leasing.Id(), last.GetProperty("toPipelineId").GetGuid());

        // Winning now uses the new pipeline's won stage.
        var won = (await client.PostAsync($"/api/v1/deals/{deal.Id()}/win")).Ok();
        Assert.Equal(leasing.StageId("Won"), won.GetProperty("stageId").GetGuid());
    }

    [Fact]
    public async Task Win_lose_and_reopen_follow_the_rules()
    {
        var tenant = await fixture.CreateAsync();
        using var client = await fixture.OwnerClientAsync(tenant);
        var pipeline = await client.DefaultPipelineAsync();
        var reservation = pipeline.StageId("Reservation");
        var winner = await client.CreateDealAsync(new { title = "Winner", stageId = reservation });
        var loser = await client.CreateDealAsync(new { title = "Loser", stageId = pipeline.StageId("Offer") });

        var won = (await client.PostAsync($"/api/v1/deals/{winner.Id()}/win")).Ok();
        Assert.Equal("won", won.Str("status"));
        Assert.Equal(pipeline.StageId("Won"), won.GetProperty("stageId").GetGuid());
        Assert.NotEqual(System.Text.Json.JsonValueKind.Null, won.GetProperty("closedAt").ValueKind);
        (await client.PostAsync($"/api/v1/deals/{winner.Id()}/win")).Problem(HttpStatusCode.Conflict, "deal.closed");
        (await client.PostAsync($"/api/v1/deals/{winner.Id()}/lose", new { reason = "Changed mind" })).Problem(HttpStatusCode.Conflict, "deal.closed");
        (await client.PostAsync($"/api/v1/deals/{winner.Id()}/move", new { stageId = reservation })).Problem(HttpStatusCode.Conflict, "deal.closed");

        var lost = (await client.PostAsync($"/api/v1/deals/{loser.Id()}/lose", new { reason = "Financing not approved" })).Ok();
        Assert.Equal("lost", lost.Str("status"));
        Assert.Equal("Financing not approved", lost.Str("lostReason"));
        Assert.Equal(pipeline.StageId("Lost"), lost.GetProperty("stageId").GetGuid());
        (await client.PostAsync($"/api/v1/deals/{loser.Id()}/win")).Problem(HttpStatusCode.Conflict, "deal.closed");
        Assert.Equal("lost", (await client.FetchAsync($"/api/v1/deals/{loser.Id()}")).Ok().Str("status"));

        (await client.PostAsync($"/api/v1/deals/{loser.Id()}/reopen", new { stageId = pipeline.StageId("Won") })).FieldError("stageId");
        var reopened = (await client.PostAsync($"/api/v1/deals/{loser.Id()}/reopen")).Ok();
        Assert.Equal("open", reopened.Str("status"));
        Assert.Equal(pipeline.StageId("Offer"), reopened.GetProperty("stageId").GetGuid()); // where it was lost from
        Assert.Equal(System.Text.Json.JsonValueKind.Null, reopened.GetProperty("lostReason").ValueKind);
        (await client.PostAsync($"/api/v1/deals/{loser.Id()}/reopen")).Problem(HttpStatusCode.Conflict, "deal.not_closed");

        var reopenedWinner = (await client.PostAsync($"/api/v1/deals/{winner.Id()}/reopen", new { stageId = pipeline.StageId("Contract") })).Ok();
        Assert.Equal(pipeline.StageId("Contract"), reopenedWinner.GetProperty("stageId").GetGuid());

        var history = (await client.FetchAsync($"/api/v1/deals/{loser.Id()}/history")).Ok().EnumerateArray().ToList();
        Assert.Equal(["created", "lost", "reopened"], history.Select(h => h.Str("action")));
        Assert.Equal("Financing not approved", history[1].Str("reason"));
        Assert.Equal(pipeline.StageId("Lost"), history[2].GetProperty("fromStageId").GetGuid());
        var winnerHistory = (await client.FetchAsync($"/api/v1/deals/{winner.Id()}/history")).Ok().EnumerateArray().ToList();
        Assert.Equal(["created", "won", "reopened"], winnerHistory.Select(h => h.Str("action")));
        Assert.Equal(pipeline.StageId("Contract"), winnerHistory[2].GetProperty("toStageId").GetGuid());
    }

    [Fact]
    public async Task Win_and_loss_publish_their_events_in_the_same_transaction()
    {
        var recorder = new EventRecorder();
        var host = fixture.CreateFactory(services =>
        {
            services.AddSingleton(recorder);
            services.AddScoped<IIntegrationEventSubscriber<DealWon>>(sp => sp.GetRequiredService<EventRecorder>());
            services.AddScoped<IIntegrationEventSubscriber<DealLost>>(sp => sp.GetRequiredService<EventRecorder>());
        });
        var tenant = await fixture.CreateAsync();
        using var client = host.CreateClient().WithToken((await fixture.LoginOwnerAsync(tenant)).AccessToken);
        var units = new[] { await client.UnitAsync(), await client.UnitAsync() };
        var winner = await client.CreateDealAsync(new { title = "Winner", unitIds = units });
        var loser = await client.CreateDealAsync(new { title = "Loser", unitIds = units.Take(1) });
        var refused = await client.CreateDealAsync(new { title = "Refused by a subscriber" });
        recorder.FailFor = refused.Id();

        (await client.PostAsync($"/api/v1/deals/{winner.Id()}/win")).Ok();
        (await client.PostAsync($"/api/v1/deals/{loser.Id()}/lose", new { reason = "Price" })).Ok();
        (await client.PostAsync($"/api/v1/deals/{refused.Id()}/win")).Problem(HttpStatusCode.Conflict, "inventory.unit_sold");

        Assert.Contains(recorder.Events, e => e is DealWon w && w.DealId == winner.Id() && w.UnitIds.SequenceEqual(units));
        Assert.Contains(recorder.Events, e => e is DealLost l && l.DealId == loser.Id() && l.UnitIds.SequenceEqual(units.Take(1)));

        // The subscriber's refusal rolled the win back: still open, no history row.
        var after = (await client.FetchAsync($"/api/v1/deals/{refused.Id()}")).Ok();
        Assert.Equal("open", after.Str("status"));
        Assert.Single((await client.FetchAsync($"/api/v1/deals/{refused.Id()}/history")).Ok().EnumerateArray());
    }

    [Fact]
    public async Task A_deal_rots_when_it_stays_longer_than_its_stage_allows()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var host = fixture.CreateFactory(services => services.AddSingleton<TimeProvider>(clock));
        var tenant = await fixture.CreateAsync();
        using var client = host.CreateClient().WithToken((await fixture.LoginOwnerAsync(tenant)).AccessToken);
        var pipeline = await client.DefaultPipelineAsync();
        var (inquiry, qualified) = (pipeline.StageId("New inquiry"), pipeline.StageId("Qualified")); // 3 and 7 days
        var stuck = await client.CreateDealAsync(new { title = "Stuck" });
        var fresh = await client.CreateDealAsync(new { title = "Fresh" });
        var closed = await client.CreateDealAsync(new { title = "Closed" });
        (await client.PostAsync($"/api/v1/deals/{closed.Id()}/lose", new { reason = "Gone" })).Ok();

        clock.Advance(TimeSpan.FromDays(2));
        (await client.PostAsync($"/api/v1/deals/{fresh.Id()}/move", new { stageId = qualified })).Ok();
        Assert.Empty(await client.ItemsAsync("/api/v1/deals?rotting=true"));

        clock.Advance(TimeSpan.FromDays(1) + TimeSpan.FromMinutes(1)); // stuck: 3 days and a minute in a 3-day stage
        var rotting = await client.ItemsAsync("/api/v1/deals?rotting=true");
        Assert.Equal([stuck.Id()], rotting.Select(d => d.Id()));
        Assert.True(rotting[0].GetProperty("isRotting").GetBoolean());
        Assert.Equal(stuck.GetProperty("stageEnteredAt").GetDateTimeOffset(), rotting[0].GetProperty("stageEnteredAt").GetDateTimeOffset());
        Assert.False((await client.FetchAsync($"/api/v1/deals/{fresh.Id()}")).Ok().GetProperty("isRotting").GetBoolean());
        Assert.Equal(
            new[] { fresh.Id(), closed.Id() }.Order(),
            (await client.ItemsAsync("/api/v1/deals?rotting=false")).Select(d => d.Id()).Order());

        // A move restarts the clock; a longer rotting period of the stage applies at once.
        (await client.PostAsync($"/api/v1/deals/{stuck.Id()}/move", new { stageId = qualified })).Ok();
        Assert.Empty(await client.ItemsAsync("/api/v1/deals?rotting=true"));
        clock.Advance(TimeSpan.FromDays(6));
        Assert.Equal([fresh.Id()], (await client.ItemsAsync("/api/v1/deals?rotting=true")).Select(d => d.Id()));
        (await client.PatchAsync($"/api/v1/pipelines/{pipeline.Id()}/stages/{qualified}", new { rottingDays = 30 })).Ok();
        Assert.Empty(await client.ItemsAsync("/api/v1/deals?rotting=true"));
        (await client.PatchAsync($"/api/v1/pipelines/{pipeline.Id()}/stages/{inquiry}", new { rottingDays = (int?)null })).Ok();
    }

    /// <summary>Records DealWon / DealLost; refuses (like Inventory would for a sold unit) the win of one chosen deal.</summary>
    private sealed class EventRecorder : IIntegrationEventSubscriber<DealWon>, IIntegrationEventSubscriber<DealLost>
    {
        public ConcurrentBag<object> Events { get; } = [];

        public Guid? FailFor { get; set; }

        public Task HandleAsync(DealWon integrationEvent, CancellationToken cancellationToken)
        {
            if (integrationEvent.DealId == FailFor)
            {
                throw M3CoreCrm.BuildingBlocks.Http.Problems.Conflict("inventory.unit_sold", "The unit is already sold.");
            }

            Events.Add(integrationEvent);
            return Task.CompletedTask;
        }

        public Task HandleAsync(DealLost integrationEvent, CancellationToken cancellationToken)
        {
            Events.Add(integrationEvent);
            return Task.CompletedTask;
        }
    }
}
