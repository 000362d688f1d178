using System.Net;
using M3CoreCrm.IntegrationTests.Deals;
using M3CoreCrm.IntegrationTests.Infrastructure;
using static M3CoreCrm.IntegrationTests.Inventory.InventoryTestKit;

namespace M3CoreCrm.IntegrationTests.Inventory;

/// <summary>Projects, buildings and units: CRUD conventions, bulk generation, batch, availability search, stats.</summary>
[Collection("api")]
public sealed class InventoryCatalogTests(ApiFixture fixture)
{
    [Fact]
    public async Task Projects_follow_the_crud_conventions()
    {
        var tenant = await fixture.CreateAsync();
        using var client = await fixture.OwnerClientAsync(tenant);
        var created = await client.PostAsync($"{Base}/projects", new { name = "Downtown Residences", handoverDate = "2028-06-30" });
        var project = created.Created();
        Assert.Equal($"/api/v1/inventory/projects/{project.Id()}", created.Location);
        Assert.Equal("planning", project.Str("status"));

        var read = await client.FetchAsync($"{Base}/projects/{project.Id()}");
        Assert.NotNull(read.ETag);
        (await client.PatchAsync($"{Base}/projects/{project.Id()}", new { status = "launched" }, ifMatch: "\"1\"")).Problem(HttpStatusCode.PreconditionFailed);
        var patched = await client.PatchAsync($"{Base}/projects/{project.Id()}", new { status = "launched", developer = "Emaar" }, ifMatch: read.ETag);
        Assert.Equal("launched", patched.Ok().Str("status"));
        Assert.NotEqual(read.ETag, patched.ETag);
        (await client.PatchAsync($"{Base}/projects/{project.Id()}", new { status = "sold" })).Problem(HttpStatusCode.BadRequest);

        var building = (await client.PostAsync($"{Base}/buildings", new { projectId = project.Id(), name = "B1", floors = 10 })).Created();
        (await client.DropAsync($"{Base}/projects/{project.Id()}")).Problem(HttpStatusCode.Conflict, "project.has_buildings");
        Assert.Equal(HttpStatusCode.NoContent, (await client.DropAsync($"{Base}/buildings/{building.Id()}")).Status);
        Assert.Equal(HttpStatusCode.NoContent, (await client.DropAsync($"{Base}/projects/{project.Id()}")).Status);
        (await client.FetchAsync($"{Base}/projects/{project.Id()}")).Problem(HttpStatusCode.NotFound);
        (await client.PostAsync($"{Base}/buildings/{building.Id()}/restore")).Problem(HttpStatusCode.Conflict, "building.project_deleted");
        (await client.PostAsync($"{Base}/projects/{project.Id()}/restore")).Ok();
        (await client.PostAsync($"{Base}/buildings/{building.Id()}/restore")).Ok();
        Assert.Single(await client.ItemsAsync($"{Base}/buildings?projectId={project.Id()}"));
        (await client.PostAsync($"{Base}/buildings", new { projectId = Guid.NewGuid(), name = "B2", floors = 3 })).FieldError("projectId");
    }

    [Fact]
    public async Task Generation_makes_every_unit_with_its_floor_price_or_none_when_codes_overlap()
    {
        var tenant = await fixture.CreateAsync();
        using var client = await fixture.OwnerClientAsync(tenant);
        var (_, building) = await client.ProjectWithBuildingAsync();
        var units = await client.GenerateAsync(building, floors: 3, unitsPerFloor: 4, basePrice: 2_000_000m);
        Assert.Equal(["101", "102", "103", "104", "201", "202", "203", "204", "301", "302", "303", "304"], units.Select(u => u.Str("code")));
        Assert.Equal(2_020_000m, units.Single(u => u.Str("code") == "303").GetProperty("listPrice").GetDecimal());
        Assert.All(units, u => Assert.Equal("available", u.Str("status")));
        Assert.All(units, u => Assert.Equal(2, u.GetProperty("bedrooms").GetInt32()));

        // Floors 3 to 4 overlap floor 3: 409 naming the four codes, and nothing of floor 4 is created.
        var overlap = await client.PostAsync($"{Base}/buildings/{building}/units/generate", new
        {
            floors = 2, fromFloor = 3, unitsPerFloor = 4, type = "studio", area = 40m, basePrice = 500_000m, currency = "AED",
        });
        overlap.Problem(HttpStatusCode.Conflict, "unit.codes_taken");
        Assert.Equal(["301", "302", "303", "304"], overlap.Body.GetProperty("codes").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal(12, (await client.AllPagesAsync($"{Base}/units?buildingId={building}")).Count);

        // A pattern without {index}, or floors beyond the building: 400.
        (await client.PostAsync($"{Base}/buildings/{building}/units/generate", new
        {
            floors = 1, fromFloor = 5, unitsPerFloor = 2, type = "studio", area = 40m, basePrice = 1m, currency = "AED", codePattern = "F{floor}",
        })).FieldError("codePattern");
        (await client.PostAsync($"{Base}/buildings/{building}/units/generate", new
        {
            floors = 5, fromFloor = 18, unitsPerFloor = 2, type = "studio", area = 40m, basePrice = 1m, currency = "AED",
        })).FieldError("floors");

        // A single unit with a taken code: 409; unit codes are per building.
        (await client.PostAsync($"{Base}/units", new { buildingId = building, code = "101", floor = 1, type = "studio", area = 40m, listPrice = 1m, currency = "AED" }))
            .Problem(HttpStatusCode.Conflict, "unit.code_taken");
        var (_, other) = await client.ProjectWithBuildingAsync();
        (await client.PostAsync($"{Base}/units", new { buildingId = other, code = "101", floor = 1, type = "studio", area = 40m, listPrice = 1m, currency = "AED" })).Created();
    }

    [Fact]
    public async Task Units_are_edited_with_merge_patch_and_soft_deleted()
    {
        var tenant = await fixture.CreateAsync();
        using var client = await fixture.OwnerClientAsync(tenant);
        var (_, building) = await client.ProjectWithBuildingAsync();
        var units = await client.GenerateAsync(building);
        var id = units[0].Id();
        var read = await client.FetchAsync($"{Base}/units/{id}");
        var patched = (await client.PatchAsync($"{Base}/units/{id}", new { listPrice = 1_234_567.89m, view = "Marina" }, ifMatch: read.ETag)).Ok();
        Assert.Equal(1_234_567.89m, patched.GetProperty("listPrice").GetDecimal());
        Assert.Equal("available", patched.Str("status"));
        (await client.PatchAsync($"{Base}/units/{id}", new { status = "sold" })).Problem(HttpStatusCode.BadRequest);
        (await client.PatchAsync($"{Base}/units/{id}", new { code = units[1].Str("code") })).Problem(HttpStatusCode.Conflict, "unit.code_taken");
        (await client.PatchAsync($"{Base}/units/{id}", new { listPrice = -1 })).FieldError("listPrice");
        (await client.DropAsync($"{Base}/units/{id}", ifMatch: read.ETag)).Problem(HttpStatusCode.PreconditionFailed);
        Assert.Equal(HttpStatusCode.NoContent, (await client.DropAsync($"{Base}/units/{id}")).Status);
        (await client.FetchAsync($"{Base}/units/{id}")).Problem(HttpStatusCode.NotFound);
        (await client.PostAsync($"{Base}/units/{id}/restore")).Ok();
        (await client.DropAsync($"{Base}/buildings/{building}")).Problem(HttpStatusCode.Conflict, "building.has_units");
    }

    [Fact]
    public async Task Batch_creates_each_unit_on_its_own()
    {
        var tenant = await fixture.CreateAsync();
        using var client = await fixture.OwnerClientAsync(tenant);
        var (_, building) = await client.ProjectWithBuildingAsync();
        var result = (await client.PostAsync($"{Base}/units/batch", new
        {
            items = new object[]
            {
                new { buildingId = building, code = "G-01", floor = 0, type = "retail", area = 80m, listPrice = 3_000_000m, currency = "AED" },
                new { buildingId = building, code = "G-01", floor = 0, type = "retail", area = 80m, listPrice = 3_000_000m, currency = "AED" },
                new { buildingId = building, code = "G-02", floor = 0, type = "office", area = 0m, listPrice = 1m, currency = "AED" },
                new { buildingId = building, code = "P-01", floor = 20, type = "penthouse", area = 400m, listPrice = 12_000_000m, currency = "USD" },
            },
        })).Ok();
        Assert.Equal(2, result.GetProperty("succeeded").GetInt32());
        Assert.Equal([201, 409, 400, 201], result.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("status").GetInt32()));
        Assert.Equal(2, (await client.ItemsAsync($"{Base}/units?buildingId={building}")).Count);
        var tooMany = Enumerable.Range(0, 101).Select(i => new { buildingId = building, code = $"X{i}", floor = 1, type = "studio", area = 30m, listPrice = 1m, currency = "AED" });
        (await client.PostAsync($"{Base}/units/batch", new { items = tooMany })).Problem(HttpStatusCode.BadRequest, "batch.invalid_size");
    }

    [Fact]
    public async Task Availability_search_filters_and_stats_group_by_status()
    {
        var tenant = await fixture.CreateAsync();
        using var client = await fixture.OwnerClientAsync(tenant);
        var (project, tower) = await client.ProjectWithBuildingAsync();
        var twoBeds = await client.GenerateAsync(tower, floors: 2, unitsPerFloor: 2, basePrice: 1_000_000m); // 1,000,000 ×2, 1,010,000 ×2
        var studios = await client.GenerateAsync(tower, floors: 1, fromFloor: 5, unitsPerFloor: 3, basePrice: 500_000m, type: "studio");
        var (_, otherBuilding) = await client.ProjectWithBuildingAsync();
        await client.GenerateAsync(otherBuilding, floors: 1, unitsPerFloor: 2, basePrice: 9_000_000m, type: "penthouse");
        (await client.PostAsync($"{Base}/units/{studios[0].Id()}/block")).Created();

        Assert.Equal(3, (await client.ItemsAsync($"{Base}/units?projectId={project}&type=studio")).Count);
        Assert.Equal(4, (await client.ItemsAsync($"{Base}/units?projectId={project}&bedrooms=2")).Count);
        Assert.Equal(2, (await client.ItemsAsync($"{Base}/units?projectId={project}&minPrice=1005000&maxPrice=1010000")).Count);
        Assert.Equal(2, (await client.ItemsAsync($"{Base}/units?buildingId={otherBuilding}&minBedrooms=3")).Count);
        Assert.Equal(2, (await client.ItemsAsync($"{Base}/units?projectId={project}&type=studio&status=available")).Count);
        Assert.Equal([studios[0].Id()], (await client.ItemsAsync($"{Base}/units?projectId={project}&status=blocked")).Select(u => u.Id()));
        Assert.Equal(7, (await client.ItemsAsync($"{Base}/units?projectId={project}&view=sea&minArea=100&maxArea=101")).Count);
        Assert.Empty(await client.ItemsAsync($"{Base}/units?projectId={project}&minArea=101"));
        Assert.Equal(
            twoBeds.Select(u => u.GetProperty("listPrice").GetDecimal()).Order(),
            (await client.ItemsAsync($"{Base}/units?projectId={project}&type=twoBedroom&sort=listPrice")).Select(u => u.GetProperty("listPrice").GetDecimal()));
        (await client.FetchAsync($"{Base}/units?status=gone")).FieldError("status");
        (await client.FetchAsync($"{Base}/units?minPrice=5&maxPrice=1")).Problem(HttpStatusCode.BadRequest, "request.invalid_range");

        var stats = (await client.FetchAsync($"{Base}/stats?projectId={project}")).Ok().GetProperty("items").EnumerateArray().ToList();
        var available = stats.Single(s => s.Str("status") == "available");
        Assert.Equal(6, available.GetProperty("units").GetInt32());
        Assert.Equal(4_020_000m + 1_000_000m, available.GetProperty("listValue").GetDecimal());
        Assert.Equal("Tower A", available.Str("buildingName"));
        var blocked = stats.Single(s => s.Str("status") == "blocked");
        Assert.Equal(1, blocked.GetProperty("units").GetInt32());
        Assert.Equal(500_000m, blocked.GetProperty("listValue").GetDecimal());
        Assert.Equal(3, (await client.FetchAsync($"{Base}/stats")).Ok().GetProperty("items").EnumerateArray().Count());
    }

    [Fact]
    public async Task Project_and_building_searches_refuse_an_overlong_or_control_character_term()
    {
        var tenant = await fixture.CreateAsync();
        using var client = await fixture.OwnerClientAsync(tenant);
        var (project, _) = await client.ProjectWithBuildingAsync();
        var overlong = new string('a', 201);
        foreach (var list in new[] { $"{Base}/projects", $"{Base}/buildings" })
        {
            (await client.FetchAsync($"{list}?q={overlong}")).FieldError("q");
            (await client.FetchAsync($"{list}?q=to%01wer")).FieldError("q");
        }

        Assert.Equal([project], (await client.ItemsAsync($"{Base}/projects?q=marina%20TEST")).Select(p => p.Id()));
        Assert.Equal("Tower A", (await client.ItemsAsync($"{Base}/buildings?projectId={project}&q=tow")).Single().Str("name"));
        Assert.Empty(await client.ItemsAsync($"{Base}/buildings?projectId={project}&q=%25"));
    }

    [Fact]
    public async Task Batch_update_changes_units_by_building_and_code_each_on_its_own()
    {
        var tenant = await fixture.CreateAsync();
        using var client = await fixture.OwnerClientAsync(tenant);
        var (_, building) = await client.ProjectWithBuildingAsync(floors: 5);
        var units = await client.GenerateAsync(building, floors: 1, unitsPerFloor: 3);
        var (first, second, third) = (units[0], units[1], units[2]);
        var before = await client.FetchAsync($"{Base}/units/{third.Id()}");

        var result = (await client.PatchAsync($"{Base}/units/batch", new
        {
            items = new object[]
            {
                new { buildingId = building, code = first.Str("code"), patch = new { listPrice = 1_250_000m, view = "Marina" } },
                new { buildingId = building, code = "999", patch = new { listPrice = 1m } },
                new { buildingId = building, code = second.Str("code"), patch = new { floor = 9 } },
                new { buildingId = building, code = second.Str("code"), patch = new { code = third.Str("code") } },
                new { buildingId = building, code = third.Str("code"), patch = "not an object" },
                new { buildingId = building, code = second.Str("code"), patch = new { orientation = "North" } },
            },
        })).Ok();

        Assert.Equal((2, 4), (result.GetProperty("succeeded").GetInt32(), result.GetProperty("failed").GetInt32()));
        var items = result.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal([200, 404, 400, 409, 400, 200], items.Select(i => i.GetProperty("status").GetInt32()));
        Assert.Equal([first.Id(), second.Id()], new[] { items[0], items[5] }.Select(i => i.Id()));
        Assert.Equal("unit.not_found", items[1].GetProperty("problem").Str("code"));
        Assert.Equal("unit.code_taken", items[3].GetProperty("problem").Str("code"));
        var changed = (await client.FetchAsync($"{Base}/units/{first.Id()}")).Ok();
        Assert.Equal((1_250_000m, "Marina"), (changed.GetProperty("listPrice").GetDecimal(), changed.Str("view")));
        var kept = (await client.FetchAsync($"{Base}/units/{second.Id()}")).Ok();
        Assert.Equal((1, second.Str("code"), "North"), (kept.GetProperty("floor").GetInt32(), kept.Str("code"), kept.Str("orientation")));
        Assert.Equal(before.ETag, (await client.FetchAsync($"{Base}/units/{third.Id()}")).ETag);
        (await client.PatchAsync($"{Base}/units/batch", new { items = Array.Empty<object>() })).Problem(HttpStatusCode.BadRequest, "batch.invalid_size");
    }
}
