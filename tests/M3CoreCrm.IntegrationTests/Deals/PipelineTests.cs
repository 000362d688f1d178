using System.Net;
using System.Text.Json;
using M3CoreCrm.IntegrationTests.Infrastructure;

namespace M3CoreCrm.IntegrationTests.Deals;

/// <summary>Pipelines and their stages: the default one, adding, renaming, reordering and removing stages.</summary>
[Collection("api")]
public sealed class PipelineTests(ApiFixture fixture)
{
    private static readonly string[] DefaultStageNames = ["New inquiry", "Qualified", "Site visit", "Offer", "Reservation", "Contract", "Won", "Lost"];

    [Fact]
    public async Task A_new_tenant_has_the_real_estate_sales_pipeline()
    {
        var tenant = await fixture.CreateAsync();
        using var client = await fixture.OwnerClientAsync(tenant);

        var items = await client.ItemsAsync("/api/v1/pipelines");

        var pipeline = Assert.Single(items);
        Assert.Equal("Real-estate sales", pipeline.Str("name"));
        Assert.True(pipeline.GetProperty("isDefault").GetBoolean());
        Assert.Empty(pipeline.GetProperty("groupIds").EnumerateArray());
        var stages = pipeline.GetProperty("stages").EnumerateArray().ToList();
        Assert.Equal(DefaultStageNames, stages.Select(s => s.Str("name")));
        Assert.Equal(Enumerable.Range(0, 8), stages.Select(s => s.GetProperty("position").GetInt32()));
        Assert.Equal(["open", "open", "open", "open", "open", "open", "won", "lost"], stages.Select(s => s.Str("kind")));
        Assert.Equal([10, 20, 40, 60, 80, 90, 100, 0], stages.Select(s => s.GetProperty("probability").GetInt32()));
        Assert.All(stages.Where(s => s.Str("kind") != "open"), s => Assert.Equal(JsonValueKind.Null, s.GetProperty("rottingDays").ValueKind));

        var read = await client.FetchAsync($"/api/v1/pipelines/{pipeline.Id()}");
        Assert.Equal(pipeline.Str("name"), read.Ok().Str("name"));
        Assert.NotNull(read.ETag);
    }

    [Fact]
    public async Task A_tenant_without_pipelines_gets_the_default_one_on_first_read_once()
    {
        var tenant = await fixture.CreateAsync();
        await using (var connection = await fixture.OpenSuperuserAsync())
        await using (var wipe = new Npgsql.NpgsqlCommand("DELETE FROM deals.pipelines WHERE tenant_id = $1", connection))
        {
            // A tenant provisioned before the Deals module existed.
            wipe.Parameters.Add(new Npgsql.NpgsqlParameter { Value = tenant.Id });
            await wipe.ExecuteNonQueryAsync();
        }

        using var client = await fixture.OwnerClientAsync(tenant);
        var lists = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => client.ItemsAsync("/api/v1/pipelines")));

        Assert.All(lists, l => Assert.Equal("Real-estate sales", Assert.Single(l).Str("name")));
        Assert.Single(lists.SelectMany(l => l).Select(p => p.Id()).Distinct());
    }

    [Fact]
    public async Task Stages_can_be_added_renamed_reordered_and_removed()
    {
        var tenant = await fixture.CreateAsync();
        using var client = await fixture.OwnerClientAsync(tenant);
        var pipeline = await client.DefaultPipelineAsync();
        var id = pipeline.Id();
        var etag = (await client.FetchAsync($"/api/v1/pipelines/{id}")).ETag;

        // Add "Mortgage approval" between Offer (3) and Reservation (4).
        var added = await client.PostAsync($"/api/v1/pipelines/{id}/stages", new { name = "Mortgage approval", probability = 70, rottingDays = 20, position = 4 }, etag);
        pipeline = added.Created();
        Assert.Equal(
            ["New inquiry", "Qualified", "Site visit", "Offer", "Mortgage approval", "Reservation", "Contract", "Won", "Lost"],
            pipeline.GetProperty("stages").EnumerateArray().Select(s => s.Str("name")));
        Assert.NotEqual(etag, added.ETag);
        var mortgage = pipeline.StageId("Mortgage approval");

        // Rename and re-weigh it.
        var renamed = await client.PatchAsync($"/api/v1/pipelines/{id}/stages/{mortgage}", new { name = "Bank approval", probability = 75 }, added.ETag);
        var stage = renamed.Ok().GetProperty("stages").EnumerateArray().Single(s => s.Id() == mortgage);
        Assert.Equal("Bank approval", stage.Str("name"));
        Assert.Equal(75, stage.GetProperty("probability").GetInt32());
        Assert.Equal(20, stage.GetProperty("rottingDays").GetInt32());

        // Reorder: Site visit before Qualified.
        var order = renamed.Body.GetProperty("stages").EnumerateArray().Select(s => s.Id()).ToList();
        (order[1], order[2]) = (order[2], order[1]);
        var reordered = await client.SendAsync(HttpMethod.Put, $"/api/v1/pipelines/{id}/stages/order", new { stageIds = order }, renamed.ETag);
        Assert.Equal(
            ["New inquiry", "Site visit", "Qualified", "Offer", "Bank approval", "Reservation", "Contract", "Won", "Lost"],
            reordered.Ok().GetProperty("stages").EnumerateArray().Select(s => s.Str("name")));

        // Remove the empty stage: no target needed.
        var removed = await client.DropAsync($"/api/v1/pipelines/{id}/stages/{mortgage}", reordered.ETag);
        var stages = removed.Ok().GetProperty("stages").EnumerateArray().ToList();
        Assert.DoesNotContain(stages, s => s.Id() == mortgage);
        Assert.Equal(Enumerable.Range(0, 8), stages.Select(s => s.GetProperty("position").GetInt32()));

        // A stale ETag changes nothing.
        var stale = await client.PostAsync($"/api/v1/pipelines/{id}/stages", new { name = "Late", probability = 5 }, etag);
        stale.Problem(HttpStatusCode.PreconditionFailed);
        Assert.Equal(8, (await client.FetchAsync($"/api/v1/pipelines/{id}")).Ok().GetProperty("stages").GetArrayLength());
    }

    [Fact]
    public async Task Stage_rules_are_enforced()
    {
        var tenant = await fixture.CreateAsync();
        using var client = await fixture.OwnerClientAsync(tenant);
        var pipeline = await client.DefaultPipelineAsync();
        var id = pipeline.Id();
        var won = pipeline.StageId("Won");
        var stages = pipeline.GetProperty("stages").EnumerateArray().Select(s => s.Id()).ToList();

        (await client.PostAsync($"/api/v1/pipelines/{id}/stages", new { name = "Qualified", probability = 30 })).Problem(HttpStatusCode.Conflict, "stage.duplicate_name");
        (await client.PostAsync($"/api/v1/pipelines/{id}/stages", new { name = "Too likely", probability = 101 })).FieldError("probability");
        (await client.PostAsync($"/api/v1/pipelines/{id}/stages", new { name = "After won", probability = 50, position = 7 })).FieldError("position");
        (await client.PostAsync($"/api/v1/pipelines/{id}/stages", new { name = "", probability = 50 })).FieldError("name");
        (await client.PatchAsync($"/api/v1/pipelines/{id}/stages/{won}", new { probability = 90 })).FieldError("probability");
        (await client.PatchAsync($"/api/v1/pipelines/{id}/stages/{won}", new { rottingDays = 3 })).FieldError("probability");
        Assert.Equal("Closed won", (await client.PatchAsync($"/api/v1/pipelines/{id}/stages/{won}", new { name = "Closed won" })).Ok()
            .GetProperty("stages").EnumerateArray().Single(s => s.Id() == won).Str("name"));
        (await client.DropAsync($"/api/v1/pipelines/{id}/stages/{won}")).Problem(HttpStatusCode.Conflict, "stage.closed_stage_required");

        var closedFirst = stages.Skip(6).Concat(stages.Take(6)).ToList();
        (await client.SendAsync(HttpMethod.Put, $"/api/v1/pipelines/{id}/stages/order", new { stageIds = closedFirst })).FieldError("stageIds");
        (await client.SendAsync(HttpMethod.Put, $"/api/v1/pipelines/{id}/stages/order", new { stageIds = stages.Take(7) })).FieldError("stageIds");
        (await client.DropAsync($"/api/v1/pipelines/{id}/stages/{Guid.NewGuid()}")).Problem(HttpStatusCode.NotFound);

        // The last open stage stays.
        var small = await client.PostAsync("/api/v1/pipelines", new { name = "Small", stages = new[] { new { name = "Only", probability = 50 } } });
        var only = small.Created().StageId("Only");
        (await client.DropAsync($"/api/v1/pipelines/{small.Body.Id()}/stages/{only}")).Problem(HttpStatusCode.Conflict, "stage.last_open_stage");

        // Nothing above changed the default pipeline but the won stage's name.
        var after = (await client.FetchAsync($"/api/v1/pipelines/{id}")).Ok();
        Assert.Equal(stages, after.GetProperty("stages").EnumerateArray().Select(s => s.Id()));
    }

    [Fact]
    public async Task Removing_a_stage_that_holds_deals_needs_a_target_and_moves_them_with_history()
    {
        var tenant = await fixture.CreateAsync();
        using var client = await fixture.OwnerClientAsync(tenant);
        var pipeline = await client.DefaultPipelineAsync();
        var (offer, qualified) = (pipeline.StageId("Offer"), pipeline.StageId("Qualified"));
        var live = await client.CreateDealAsync(new { title = "Villa", stageId = offer, amount = 1_000_000m });
        var deleted = await client.CreateDealAsync(new { title = "Deleted villa", stageId = offer, amount = 2_000_000m });
        (await client.DropAsync($"/api/v1/deals/{deleted.Id()}")).Expect(HttpStatusCode.NoContent);
        var url = $"/api/v1/pipelines/{pipeline.Id()}/stages/{offer}";

        (await client.DropAsync(url)).Problem(HttpStatusCode.Conflict, "stage.has_deals");
        (await client.DropAsync(url + $"?targetStageId={pipeline.StageId("Won")}")).FieldError("targetStageId");
        (await client.DropAsync(url + $"?targetStageId={offer}")).FieldError("targetStageId");
        var other = await client.CreatePipelineAsync("Leasing");
        (await client.DropAsync(url + $"?targetStageId={other.StageId("Lead in")}")).FieldError("targetStageId");
        Assert.Equal(offer, (await client.FetchAsync($"/api/v1/deals/{live.Id()}")).Ok().GetProperty("stageId").GetGuid());

        var removed = await client.DropAsync(url + $"?targetStageId={qualified}");
        Assert.DoesNotContain(removed.Ok().GetProperty("stages").EnumerateArray(), s => s.Id() == offer);

        var moved = (await client.FetchAsync($"/api/v1/deals/{live.Id()}")).Ok();
        Assert.Equal(qualified, moved.GetProperty("stageId").GetGuid());
        Assert.True(moved.GetProperty("stageEnteredAt").GetDateTimeOffset() > live.GetProperty("stageEnteredAt").GetDateTimeOffset());
        var history = (await client.FetchAsync($"/api/v1/deals/{live.Id()}/history")).Ok().EnumerateArray().ToList();
        var last = history[^1];
        Assert.Equal("stageRemoved", last.Str("action"));
        Assert.Equal(offer, last.GetProperty("fromStageId").GetGuid());
        Assert.Equal(qualified, last.GetProperty("toStageId").GetGuid());
        Assert.Equal(tenant.OwnerId, last.GetProperty("changedBy").GetGuid());

        // The deleted deal moved too, so restoring it lands in a stage that exists.
        var restored = (await client.PostAsync($"/api/v1/deals/{deleted.Id()}/restore")).Ok();
        Assert.Equal(qualified, restored.GetProperty("stageId").GetGuid());
    }

    [Fact]
    public async Task Pipelines_are_created_renamed_and_one_is_the_default()
    {
        var tenant = await fixture.CreateAsync();
        using var client = await fixture.OwnerClientAsync(tenant);
        var first = await client.DefaultPipelineAsync();

        var created = await client.PostAsync("/api/v1/pipelines", new
        {
            name = "Off-plan launches",
            stages = new[] { new { name = "Registered interest", probability = 15, rottingDays = 10 }, new { name = "EOI paid", probability = 65, rottingDays = 30 } },
            wonStageName = "SPA signed",
            lostStageName = "Dropped",
            isDefault = true,
        });
        var pipeline = created.Created();
        Assert.Equal($"/api/v1/pipelines/{pipeline.Id()}", created.Location);
        Assert.Equal(["Registered interest", "EOI paid", "SPA signed", "Dropped"], pipeline.GetProperty("stages").EnumerateArray().Select(s => s.Str("name")));
        Assert.True(pipeline.GetProperty("isDefault").GetBoolean());
        Assert.False((await client.FetchAsync($"/api/v1/pipelines/{first.Id()}")).Ok().GetProperty("isDefault").GetBoolean());

        (await client.PostAsync("/api/v1/pipelines", new { name = "off-plan LAUNCHES", stages = new[] { new { name = "A", probability = 1 } } }))
            .Problem(HttpStatusCode.Conflict, "pipeline.duplicate_name");
        (await client.PostAsync("/api/v1/pipelines", new { name = "No stages", stages = Array.Empty<object>() })).FieldError("stages");
        (await client.PostAsync("/api/v1/pipelines", new { name = "Bad groups", stages = new[] { new { name = "A", probability = 1 } }, groupIds = new[] { Guid.NewGuid() } }))
            .FieldError("groupIds");

        // The default cannot be switched off, only moved.
        (await client.PatchAsync($"/api/v1/pipelines/{pipeline.Id()}", new { isDefault = false })).Problem(HttpStatusCode.BadRequest, "pipeline.default_required");
        var read = await client.FetchAsync($"/api/v1/pipelines/{first.Id()}");
        var back = await client.PatchAsync($"/api/v1/pipelines/{first.Id()}", new { isDefault = true, name = "Resale" }, read.ETag);
        Assert.Equal("Resale", back.Ok().Str("name"));
        Assert.True(back.Body.GetProperty("isDefault").GetBoolean());
        Assert.False((await client.FetchAsync($"/api/v1/pipelines/{pipeline.Id()}")).Ok().GetProperty("isDefault").GetBoolean());
        (await client.PatchAsync($"/api/v1/pipelines/{first.Id()}", new { name = "Stale" }, read.ETag)).Problem(HttpStatusCode.PreconditionFailed);

        var names = (await client.ItemsAsync("/api/v1/pipelines?sort=name")).Select(p => p.Str("name"));
        Assert.Equal(["Off-plan launches", "Resale"], names);
    }

    [Fact]
    public async Task Only_an_unused_pipeline_that_is_not_the_default_can_be_deleted()
    {
        var tenant = await fixture.CreateAsync();
        using var client = await fixture.OwnerClientAsync(tenant);
        var main = await client.DefaultPipelineAsync();
        var used = await client.CreatePipelineAsync("Used");
        var unused = await client.CreatePipelineAsync("Unused");
        var deal = await client.CreateDealAsync(new { title = "Keeps it", pipelineId = used.Id() });
        (await client.DropAsync($"/api/v1/deals/{deal.Id()}")).Expect(HttpStatusCode.NoContent);

        (await client.DropAsync($"/api/v1/pipelines/{main.Id()}")).Problem(HttpStatusCode.Conflict, "pipeline.is_default");
        (await client.DropAsync($"/api/v1/pipelines/{used.Id()}")).Problem(HttpStatusCode.Conflict, "pipeline.has_deals");
        (await client.DropAsync($"/api/v1/pipelines/{unused.Id()}", "\"999\"")).Problem(HttpStatusCode.PreconditionFailed);
        (await client.DropAsync($"/api/v1/pipelines/{unused.Id()}")).Expect(HttpStatusCode.NoContent);

        (await client.FetchAsync($"/api/v1/pipelines/{unused.Id()}")).Problem(HttpStatusCode.NotFound);
        Assert.Equal(new[] { main.Id(), used.Id() }.Order(), (await client.ItemsAsync("/api/v1/pipelines")).Select(p => p.Id()).Order());
    }

    [Fact]
    public async Task History_and_timeline_keep_stage_names_as_they_were_at_each_move()
    {
        var tenant = await fixture.CreateAsync();
        using var client = await fixture.OwnerClientAsync(tenant);
        var pipeline = await client.DefaultPipelineAsync();
        var (inquiry, offer, qualified) = (pipeline.StageId("New inquiry"), pipeline.StageId("Offer"), pipeline.StageId("Qualified"));
        var deal = (await client.CreateDealAsync(new { title = "Creek 1BR" })).Id();
        (await client.PostAsync($"/api/v1/deals/{deal}/move", new { stageId = offer })).Ok();

        var current = await client.FetchAsync($"/api/v1/pipelines/{pipeline.Id()}");
        (await client.PatchAsync($"/api/v1/pipelines/{pipeline.Id()}/stages/{inquiry}", new { name = "Fresh inquiry" }, current.ETag)).Ok();
        (await client.DropAsync($"/api/v1/pipelines/{pipeline.Id()}/stages/{offer}?targetStageId={qualified}")).Ok();

        var history = (await client.FetchAsync($"/api/v1/deals/{deal}/history")).Ok().EnumerateArray().ToList();
        Assert.Equal(
            [("created", null, "New inquiry"), ("moved", "New inquiry", "Offer"), ("stageRemoved", "Offer", "Qualified")],
            history.Select(h => (h.Str("action"), h.GetProperty("fromStageName").GetString(), h.GetProperty("toStageName").GetString())));
        var timeline = (await client.AllPagesAsync($"/api/v1/timeline/deal/{deal}"))
            .Where(i => i.Str("kind") == "stageMove").Select(i => i.GetProperty("stageMove")).ToList();
        Assert.Equal(
            [("Offer", "Qualified"), ("New inquiry", "Offer"), (null, "New inquiry")],
            timeline.Select(m => (m.GetProperty("fromStageName").GetString(), m.GetProperty("toStageName").GetString())));
    }
}
