using System.Net;
using M3CoreCrm.IntegrationTests.Deals;
using M3CoreCrm.IntegrationTests.Infrastructure;
using static M3CoreCrm.IntegrationTests.Inventory.InventoryTestKit;

namespace M3CoreCrm.IntegrationTests.Inventory;

/// <summary>
/// Amending a reservation (PATCH, JSON merge patch): a negotiated price, another deposit or payment plan, guarded by
/// If-Match, validated like a new reservation, audited field by field, within the caller's inventory.reserve scope,
/// and refused once the reservation ended.
/// </summary>
[Collection("api")]
public sealed class ReservationAmendmentTests(ApiFixture fixture)
{
    [Fact]
    public async Task An_active_reservation_is_amended_with_if_match_and_each_change_is_audited()
    {
        var tenant = await fixture.CreateAsync();
        using var client = await fixture.OwnerClientAsync(tenant);
        var unit = await client.UnitAsync();
        var deal = await client.CreateDealAsync(new { title = "Negotiating" });
        var id = (await client.PostAsync($"{Base}/reservations", new { unitId = unit, dealId = deal.Id(), depositAmount = 50_000, paymentPlan = Plan(30, 70) })).Created().Id();
        var url = $"{Base}/reservations/{id}";
        var read = await client.FetchAsync(url);

        (await client.PatchAsync(url, new { price = 950_000 }, ifMatch: "\"1\"")).Problem(HttpStatusCode.PreconditionFailed);
        var amended = await client.PatchAsync(url, new { price = 950_000, depositAmount = 95_000, paymentPlan = Plan(10, 40, 50) }, ifMatch: read.ETag);
        var body = amended.Ok();
        Assert.Equal((950_000m, 95_000m, 3), (body.GetProperty("price").GetDecimal(), body.GetProperty("depositAmount").GetDecimal(), body.GetProperty("paymentPlan").GetArrayLength()));
        Assert.NotEqual(read.ETag, amended.ETag);
        Assert.Equal(amended.ETag, (await client.FetchAsync(url)).ETag);
        (await client.PatchAsync(url, new { depositAmount = 10 }, ifMatch: read.ETag)).Problem(HttpStatusCode.PreconditionFailed);

        // Bad input is a 400 and changes nothing.
        (await client.PatchAsync(url, new { depositAmount = 2_000_000 })).FieldError("depositAmount");
        (await client.PatchAsync(url, new { paymentPlan = Plan(30, 60) })).FieldError("paymentPlan");
        (await client.PatchAsync(url, new { price = -1 })).FieldError("price");
        (await client.PatchAsync(url, new { currency = "USD" })).Problem(HttpStatusCode.BadRequest, "request.invalid_patch");
        Assert.Equal(amended.ETag, (await client.FetchAsync(url)).ETag);

        // The plan can be cleared; the audit keeps each field's old and new value.
        Assert.Equal(System.Text.Json.JsonValueKind.Null, (await client.PatchAsync(url, new { paymentPlan = (object?)null })).Ok().GetProperty("paymentPlan").ValueKind);
        var audit = (await client.FetchAsync($"/api/v1/audit?entityType=unitBooking&entityId={id}&action=updated&sort=occurredAt")).Ok()
            .GetProperty("items").EnumerateArray().Select(e => e.GetProperty("changes")).ToList();
        Assert.Equal(2, audit.Count);
        Assert.Equal((1_000_000m, 950_000m), (audit[0].GetProperty("price").GetProperty("old").GetDecimal(), audit[0].GetProperty("price").GetProperty("new").GetDecimal()));
        Assert.Equal((50_000m, 95_000m), (audit[0].GetProperty("depositAmount").GetProperty("old").GetDecimal(), audit[0].GetProperty("depositAmount").GetProperty("new").GetDecimal()));
        Assert.True(audit[0].TryGetProperty("paymentPlan", out _));
        Assert.Equal(["paymentPlan"], audit[1].EnumerateObject().Select(p => p.Name));

        (await client.PostAsync($"{url}/cancel")).Ok();
        (await client.PatchAsync(url, new { depositAmount = 1 })).Problem(HttpStatusCode.Conflict, "reservation.not_active");
    }

    [Fact]
    public async Task A_reservation_outside_the_callers_scope_is_not_found_for_amendment()
    {
        var tenant = await fixture.CreateAsync();
        using var owner = await fixture.OwnerClientAsync(tenant);
        var unit = await owner.UnitAsync();
        var agent = await fixture.AddUserAsync(tenant, "Agent");
        var colleague = await fixture.AddUserAsync(tenant, "Agent");
        using var mine = await fixture.ClientAsync(tenant, agent);
        using var theirs = await fixture.ClientAsync(tenant, colleague);
        var deal = (await mine.CreateDealAsync(new { title = "Mine" })).Id();
        var id = (await mine.PostAsync($"{Base}/reservations", new { unitId = unit, dealId = deal, depositAmount = 10 })).Created().Id();

        (await theirs.PatchAsync($"{Base}/reservations/{id}", new { depositAmount = 1 })).Problem(HttpStatusCode.NotFound, "reservation.not_found");
        (await owner.PatchAsync($"{Base}/reservations/{Guid.CreateVersion7()}", new { depositAmount = 1 })).Problem(HttpStatusCode.NotFound, "reservation.not_found");
        Assert.Equal(20m, (await mine.PatchAsync($"{Base}/reservations/{id}", new { depositAmount = 20 })).Ok().GetProperty("depositAmount").GetDecimal());
    }
}
