using System.Net;
using M3CoreCrm.IntegrationTests.Deals;
using M3CoreCrm.IntegrationTests.Infrastructure;
using static M3CoreCrm.IntegrationTests.Inventory.InventoryTestKit;

namespace M3CoreCrm.IntegrationTests.Inventory;

/// <summary>
/// Reopening a closed deal gives it back the bookings its close ended: a lost deal's cancelled reservation and
/// released hold, a won deal's sold unit as the reservation it was. A unit taken since refuses the reopen with 409
/// deal.units_taken (the deal stays closed) unless the caller skips taken units.
/// </summary>
[Collection("api")]
public sealed class DealReopenBookingTests(ApiFixture fixture)
{
    [Fact]
    public async Task Reopening_a_lost_deal_reserves_and_holds_its_units_again_on_their_terms()
    {
        var tenant = await fixture.CreateAsync();
        using var client = await fixture.OwnerClientAsync(tenant);
        var (_, building) = await client.ProjectWithBuildingAsync();
        var units = (await client.GenerateAsync(building, floors: 1, unitsPerFloor: 2)).Select(u => u.Id()).ToList();
        var deal = await client.CreateDealAsync(new { title = "Comes back", unitIds = units });
        (await client.PostAsync($"{Base}/reservations", new { unitId = units[0], dealId = deal.Id(), depositAmount = 75_000, paymentPlan = Plan(40, 60) })).Created();
        (await client.PostAsync($"{Base}/units/{units[1]}/hold", new { dealId = deal.Id(), hours = 24 })).Created();
        (await client.PostAsync($"/api/v1/deals/{deal.Id()}/lose", new { reason = "Went quiet" })).Ok();
        Assert.Equal("available", await client.UnitStatusAsync(units[0]));

        Assert.Equal("open", (await client.PostAsync($"/api/v1/deals/{deal.Id()}/reopen")).Ok().Str("status"));

        Assert.Equal("reserved", await client.UnitStatusAsync(units[0]));
        Assert.Equal("held", await client.UnitStatusAsync(units[1]));
        var reserved = await client.HistoryAsync(units[0]);
        Assert.Equal([("reservation", "cancelled"), ("reservation", "active")], reserved.Select(h => (h.Str("kind"), h.Str("status"))));
        Assert.Equal(75_000m, reserved[1].GetProperty("depositAmount").GetDecimal());
        Assert.Equal(2, reserved[1].GetProperty("paymentPlan").GetArrayLength());
        Assert.Equal(deal.Id(), reserved[1].GetProperty("dealId").GetGuid());
        var held = await client.HistoryAsync(units[1]);
        Assert.Equal([("hold", "released"), ("hold", "active")], held.Select(h => (h.Str("kind"), h.Str("status"))));
        var again = held[1];
        Assert.Equal(TimeSpan.FromHours(24), again.GetProperty("expiresAt").GetDateTimeOffset() - again.GetProperty("createdAt").GetDateTimeOffset());
    }

    [Fact]
    public async Task A_unit_taken_since_the_loss_refuses_the_reopen_unless_taken_units_are_skipped()
    {
        var tenant = await fixture.CreateAsync();
        using var client = await fixture.OwnerClientAsync(tenant);
        var (_, building) = await client.ProjectWithBuildingAsync();
        var units = (await client.GenerateAsync(building, floors: 1, unitsPerFloor: 2)).Select(u => u.Id()).ToList();
        var deal = await client.CreateDealAsync(new { title = "Lost the flat", unitIds = units });
        foreach (var unit in units)
        {
            (await client.PostAsync($"{Base}/reservations", new { unitId = unit, dealId = deal.Id(), depositAmount = 10_000 })).Created();
        }

        (await client.PostAsync($"/api/v1/deals/{deal.Id()}/lose", new { reason = "Financing" })).Ok();
        var rival = await client.CreateDealAsync(new { title = "Quicker buyer" });
        var rivalReservation = (await client.PostAsync($"{Base}/reservations", new { unitId = units[0], dealId = rival.Id(), depositAmount = 20_000 })).Created();

        var refused = await client.PostAsync($"/api/v1/deals/{deal.Id()}/reopen");
        refused.Problem(HttpStatusCode.Conflict, "deal.units_taken");
        Assert.Equal([units[0]], refused.Body.GetProperty("unitIds").EnumerateArray().Select(u => u.GetGuid()));
        Assert.Equal("lost", (await client.FetchAsync($"/api/v1/deals/{deal.Id()}")).Ok().Str("status"));
        Assert.Equal("available", await client.UnitStatusAsync(units[1])); // rolled back with the reopen

        Assert.Equal("open", (await client.PostAsync($"/api/v1/deals/{deal.Id()}/reopen", new { skipTakenUnits = true })).Ok().Str("status"));
        Assert.Equal("reserved", await client.UnitStatusAsync(units[1]));
        Assert.Equal(deal.Id(), (await client.HistoryAsync(units[1]))[^1].GetProperty("dealId").GetGuid());
        Assert.Equal("active", (await client.FetchAsync($"{Base}/reservations/{rivalReservation.Id()}")).Ok().Str("status"));
        Assert.Equal(rival.Id(), (await client.HistoryAsync(units[0]))[^1].GetProperty("dealId").GetGuid());
    }

    [Fact]
    public async Task Reopening_a_won_deal_turns_its_sale_back_into_the_reservation()
    {
        var tenant = await fixture.CreateAsync();
        using var client = await fixture.OwnerClientAsync(tenant);
        var unit = await client.UnitAsync();
        var deal = await client.CreateDealAsync(new { title = "Signed too soon", unitIds = new[] { unit } });
        (await client.PostAsync($"{Base}/reservations", new { unitId = unit, dealId = deal.Id(), depositAmount = 30_000 })).Created();
        (await client.PostAsync($"/api/v1/deals/{deal.Id()}/win")).Ok();
        Assert.Equal("sold", await client.UnitStatusAsync(unit));

        (await client.PostAsync($"/api/v1/deals/{deal.Id()}/reopen")).Ok();

        Assert.Equal("reserved", await client.UnitStatusAsync(unit));
        Assert.Equal(
            [("reservation", "completed"), ("sale", "cancelled"), ("reservation", "active")],
            (await client.HistoryAsync(unit)).Select(h => (h.Str("kind"), h.Str("status"))));
    }
}
