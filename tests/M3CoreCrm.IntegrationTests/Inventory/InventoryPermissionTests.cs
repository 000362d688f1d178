using System.Net;
using M3CoreCrm.IntegrationTests.Deals;
using M3CoreCrm.IntegrationTests.Infrastructure;
using static M3CoreCrm.IntegrationTests.Inventory.InventoryTestKit;

namespace M3CoreCrm.IntegrationTests.Inventory;

/// <summary>Agents hold and reserve but do not manage the catalogue; viewers only read; other tenants see nothing.</summary>
[Collection("api")]
public sealed class InventoryPermissionTests(ApiFixture fixture)
{
    [Fact]
    public async Task Agents_hold_and_reserve_viewers_read_only_admins_manage()
    {
        var tenant = await fixture.CreateAsync();
        using var owner = await fixture.OwnerClientAsync(tenant);
        var (_, building) = await owner.ProjectWithBuildingAsync();
        var units = (await owner.GenerateAsync(building, floors: 1, unitsPerFloor: 2)).Select(u => u.Id()).ToList();
        var agent = await fixture.AddUserAsync(tenant, "Agent");
        using var agentClient = await fixture.ClientAsync(tenant, agent);
        var deal = await agentClient.CreateDealAsync(new { title = "Agent's buyer" });
        using var viewer = await fixture.ClientAsync(tenant, await fixture.AddUserAsync(tenant, "Viewer"));

        (await agentClient.PostAsync($"{Base}/units/{units[0]}/hold", new { dealId = deal.Id() })).Created();
        (await agentClient.PostAsync($"{Base}/reservations", new { unitId = units[1], dealId = deal.Id(), depositAmount = 10 })).Created();
        (await agentClient.PostAsync($"{Base}/projects", new { name = "Not mine" })).Problem(HttpStatusCode.Forbidden);
        (await agentClient.PostAsync($"{Base}/units/{units[0]}/block")).Problem(HttpStatusCode.Forbidden);
        (await agentClient.PostAsync($"{Base}/buildings/{building}/units/generate", new
        {
            floors = 1, fromFloor = 9, unitsPerFloor = 1, type = "studio", area = 30m, basePrice = 1m, currency = "AED",
        })).Problem(HttpStatusCode.Forbidden);

        Assert.Equal(2, (await viewer.ItemsAsync($"{Base}/units?buildingId={building}")).Count);
        (await viewer.FetchAsync($"{Base}/stats")).Ok();
        (await viewer.PostAsync($"{Base}/units/{units[0]}/release")).Problem(HttpStatusCode.Forbidden);
        (await viewer.PostAsync($"{Base}/reservations", new { unitId = units[0], dealId = deal.Id(), depositAmount = 10 })).Problem(HttpStatusCode.Forbidden);
        Assert.Equal("held", await viewer.UnitStatusAsync(units[0]));
    }

    [Fact]
    public async Task Another_tenant_can_neither_see_nor_claim_the_units()
    {
        var tenant = await fixture.CreateAsync();
        using var owner = await fixture.OwnerClientAsync(tenant);
        var unit = await owner.UnitAsync();
        var intruderTenant = await fixture.CreateAsync();
        using var intruder = await fixture.OwnerClientAsync(intruderTenant);
        var intruderDeal = await intruder.CreateDealAsync(new { title = "Intruder" });

        (await intruder.FetchAsync($"{Base}/units/{unit}")).Problem(HttpStatusCode.NotFound);
        (await intruder.PostAsync($"{Base}/units/{unit}/hold", new { dealId = intruderDeal.Id() })).Problem(HttpStatusCode.NotFound);
        (await intruder.PostAsync($"{Base}/reservations", new { unitId = unit, dealId = intruderDeal.Id(), depositAmount = 1 })).FieldError("unitId");
        Assert.Empty(await intruder.ItemsAsync($"{Base}/units"));
        Assert.Empty((await intruder.FetchAsync($"{Base}/stats")).Ok().GetProperty("items").EnumerateArray());

        // The owner's deal id is no deal in the intruder's tenant either.
        var ownerDeal = await owner.CreateDealAsync(new { title = "Owner's buyer" });
        var intruderUnit = await intruder.UnitAsync();
        (await intruder.PostAsync($"{Base}/reservations", new { unitId = intruderUnit, dealId = ownerDeal.Id(), depositAmount = 1 })).FieldError("dealId");
        Assert.Equal("available", await owner.UnitStatusAsync(unit));
    }
}
