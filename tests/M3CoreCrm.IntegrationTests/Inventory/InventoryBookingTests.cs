using System.Net;
using M3CoreCrm.IntegrationTests.Deals;
using M3CoreCrm.IntegrationTests.Infrastructure;
using M3CoreCrm.Modules.Inventory.Jobs;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using static M3CoreCrm.IntegrationTests.Inventory.InventoryTestKit;

namespace M3CoreCrm.IntegrationTests.Inventory;

/// <summary>
/// The unit's status workflow against real PostgreSQL: holds (one winner among concurrent requests), releases,
/// blocks, reservations with payment plans, sales and releases from won and lost deals, hold expiry.
/// </summary>
[Collection("api")]
public sealed class InventoryBookingTests(ApiFixture fixture)
{
    [Fact]
    public async Task Of_50_concurrent_holds_on_one_unit_exactly_one_succeeds()
    {
        var tenant = await fixture.CreateAsync(requestsPerMinute: 100_000);
        using var client = await fixture.OwnerClientAsync(tenant);
        var unit = await client.UnitAsync();
        var deals = new List<Guid>();
        for (var i = 0; i < 5; i++)
        {
            deals.Add((await client.CreateDealAsync(new { title = $"Buyer {i}" })).Id());
        }

        using var start = new ManualResetEventSlim();
        var attempts = Enumerable.Range(0, 50).Select(i => Task.Run(async () =>
        {
            start.Wait();
            return await client.PostAsync($"{Base}/units/{unit}/hold", new { dealId = deals[i % deals.Count], hours = 24 });
        })).ToList();
        start.Set();
        var replies = await Task.WhenAll(attempts);

        Assert.Single(replies, r => r.Status == HttpStatusCode.Created);
        var refused = replies.Where(r => r.Status != HttpStatusCode.Created).ToList();
        Assert.Equal(49, refused.Count);
        Assert.All(refused, r => r.Problem(HttpStatusCode.Conflict, "unit.unavailable"));
        Assert.Equal("held", await client.UnitStatusAsync(unit));
        var history = await client.HistoryAsync(unit);
        Assert.Equal("active", Assert.Single(history).Str("status"));
    }

    [Fact]
    public async Task A_hold_is_exclusive_until_released_and_every_transition_is_in_the_history()
    {
        var tenant = await fixture.CreateAsync();
        using var client = await fixture.OwnerClientAsync(tenant);
        var unit = await client.UnitAsync();
        var deal = await client.CreateDealAsync(new { title = "Buyer" });
        var hold = (await client.PostAsync($"{Base}/units/{unit}/hold", new { dealId = deal.Id() })).Created();
        Assert.Equal("hold", hold.Str("kind"));
        var expires = hold.GetProperty("expiresAt").GetDateTimeOffset() - hold.GetProperty("createdAt").GetDateTimeOffset();
        Assert.Equal(TimeSpan.FromHours(48), expires);
        (await client.PostAsync($"{Base}/units/{unit}/hold", new { dealId = deal.Id() })).Problem(HttpStatusCode.Conflict, "unit.unavailable");
        (await client.PostAsync($"{Base}/units/{unit}/block")).Problem(HttpStatusCode.Conflict, "unit.unavailable");
        Assert.Equal("held", await client.UnitStatusAsync(unit));

        Assert.Equal("available", (await client.PostAsync($"{Base}/units/{unit}/release")).Ok().Str("status"));
        (await client.PostAsync($"{Base}/units/{unit}/release")).Problem(HttpStatusCode.Conflict, "unit.not_held");
        (await client.PostAsync($"{Base}/units/{unit}/hold", new { dealId = deal.Id(), hours = 2 })).Created();

        var history = await client.HistoryAsync(unit);
        Assert.Equal(["released", "active"], history.Select(h => h.Str("status")));
        Assert.Equal(tenant.OwnerId, history[0].GetProperty("endedBy").GetGuid());
        Assert.Equal(tenant.OwnerId, history[1].GetProperty("createdBy").GetGuid());

        // Bad holds: no target, two targets, too long, an unknown deal, an unknown unit.
        (await client.PostAsync($"{Base}/units/{unit}/hold", new { hours = 2 })).FieldError("leadId");
        (await client.PostAsync($"{Base}/units/{unit}/hold", new { dealId = deal.Id(), leadId = Guid.NewGuid() })).FieldError("leadId");
        (await client.PostAsync($"{Base}/units/{unit}/hold", new { dealId = deal.Id(), hours = 169 })).FieldError("hours");
        (await client.PostAsync($"{Base}/units/{unit}/hold", new { dealId = Guid.NewGuid() })).FieldError("dealId");
        (await client.PostAsync($"{Base}/units/{Guid.NewGuid()}/hold", new { dealId = deal.Id() })).Problem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_blocked_unit_cannot_be_held_until_unblocked()
    {
        var tenant = await fixture.CreateAsync();
        using var client = await fixture.OwnerClientAsync(tenant);
        var unit = await client.UnitAsync();
        var deal = await client.CreateDealAsync(new { title = "Buyer" });
        (await client.PostAsync($"{Base}/units/{unit}/block")).Created();
        Assert.Equal("blocked", await client.UnitStatusAsync(unit));
        var refused = await client.PostAsync($"{Base}/units/{unit}/hold", new { dealId = deal.Id() });
        refused.Problem(HttpStatusCode.Conflict, "unit.unavailable");
        Assert.Equal("blocked", refused.Body.Str("unitStatus"));
        (await client.PostAsync($"{Base}/reservations", new { unitId = unit, dealId = deal.Id(), depositAmount = 1000 })).Problem(HttpStatusCode.Conflict, "unit.unavailable");
        (await client.PostAsync($"{Base}/units/{unit}/release")).Problem(HttpStatusCode.Conflict, "unit.blocked");
        Assert.Equal("available", (await client.PostAsync($"{Base}/units/{unit}/unblock")).Ok().Str("status"));
        (await client.PostAsync($"{Base}/units/{unit}/unblock")).Problem(HttpStatusCode.Conflict, "unit.not_blocked");
        (await client.PostAsync($"{Base}/units/{unit}/hold", new { dealId = deal.Id() })).Created();
        Assert.Equal(["block", "hold"], (await client.HistoryAsync(unit)).Select(h => h.Str("kind")));
    }

    [Fact]
    public async Task A_reservation_snapshots_the_price_and_needs_a_deal_and_a_plan_summing_to_100()
    {
        var tenant = await fixture.CreateAsync();
        using var client = await fixture.OwnerClientAsync(tenant);
        var unit = await client.UnitAsync();
        var deal = await client.CreateDealAsync(new { title = "Buyer" });

        (await client.PostAsync($"{Base}/reservations", new { unitId = unit, depositAmount = 1000 })).FieldError("dealId");
        (await client.PostAsync($"{Base}/reservations", new { unitId = unit, dealId = Guid.NewGuid(), depositAmount = 1000 })).FieldError("dealId");
        (await client.PostAsync($"{Base}/reservations", new { unitId = unit, dealId = deal.Id(), depositAmount = 1000, paymentPlan = Plan(10, 40, 49) }))
            .FieldError("paymentPlan");
        (await client.PostAsync($"{Base}/reservations", new { unitId = unit, dealId = deal.Id(), depositAmount = 1000, paymentPlan = Plan(10, 40, 51) }))
            .FieldError("paymentPlan");
        (await client.PostAsync($"{Base}/reservations", new { unitId = unit, dealId = deal.Id(), depositAmount = 5_000_000 })).FieldError("depositAmount");
        Assert.Equal("available", await client.UnitStatusAsync(unit));
        Assert.Empty(await client.HistoryAsync(unit));

        // Held for the deal first: the hold becomes the reservation.
        (await client.PostAsync($"{Base}/units/{unit}/hold", new { dealId = deal.Id() })).Created();
        var created = await client.PostAsync($"{Base}/reservations", new { unitId = unit, dealId = deal.Id(), depositAmount = 100_000.50m, paymentPlan = Plan(10, 40, 50) });
        var reservation = created.Created();
        Assert.Equal($"/api/v1/inventory/reservations/{reservation.Id()}", created.Location);
        Assert.Equal(1_000_000m, reservation.GetProperty("price").GetDecimal());
        Assert.Equal("AED", reservation.Str("currency"));
        Assert.Equal(3, reservation.GetProperty("paymentPlan").GetArrayLength());
        Assert.Equal("reserved", await client.UnitStatusAsync(unit));

        (await client.PatchAsync($"{Base}/units/{unit}", new { listPrice = 1_200_000m })).Ok();
        Assert.Equal(1_000_000m, (await client.FetchAsync($"{Base}/reservations/{reservation.Id()}")).Ok().GetProperty("price").GetDecimal());
        Assert.Equal([reservation.Id()], (await client.ItemsAsync($"{Base}/reservations?dealId={deal.Id()}")).Select(r => r.Id()));
        (await client.PostAsync($"{Base}/units/{unit}/release")).Problem(HttpStatusCode.Conflict, "unit.reserved");
        (await client.DropAsync($"{Base}/units/{unit}")).Problem(HttpStatusCode.Conflict, "unit.claimed");

        var other = await client.CreateDealAsync(new { title = "Other buyer" });
        (await client.PostAsync($"{Base}/reservations", new { unitId = unit, dealId = other.Id(), depositAmount = 1 })).Problem(HttpStatusCode.Conflict, "unit.unavailable");

        Assert.Equal("cancelled", (await client.PostAsync($"{Base}/reservations/{reservation.Id()}/cancel")).Ok().Str("status"));
        Assert.Equal("available", await client.UnitStatusAsync(unit));
        (await client.PostAsync($"{Base}/reservations/{reservation.Id()}/cancel")).Problem(HttpStatusCode.Conflict, "reservation.not_active");
        Assert.Equal(["converted", "cancelled"], (await client.HistoryAsync(unit)).Select(h => h.Str("status")));
    }

    [Fact]
    public async Task Winning_the_deal_sells_its_reserved_unit_and_losing_releases_its_units()
    {
        var tenant = await fixture.CreateAsync();
        using var client = await fixture.OwnerClientAsync(tenant);
        var (_, building) = await client.ProjectWithBuildingAsync();
        var units = (await client.GenerateAsync(building, floors: 1, unitsPerFloor: 3)).Select(u => u.Id()).ToList();
        var winner = await client.CreateDealAsync(new { title = "Winner" });
        var loser = await client.CreateDealAsync(new { title = "Loser" });
        (await client.PostAsync($"{Base}/reservations", new { unitId = units[0], dealId = winner.Id(), depositAmount = 50_000 })).Created();
        var lostReservation = (await client.PostAsync($"{Base}/reservations", new { unitId = units[1], dealId = loser.Id(), depositAmount = 50_000 })).Created();
        (await client.PostAsync($"{Base}/units/{units[2]}/hold", new { dealId = loser.Id() })).Created();

        (await client.PostAsync($"/api/v1/deals/{winner.Id()}/win")).Ok();
        Assert.Equal("sold", await client.UnitStatusAsync(units[0]));
        var history = await client.HistoryAsync(units[0]);
        Assert.Equal([("reservation", "completed"), ("sale", "active")], history.Select(h => (h.Str("kind"), h.Str("status"))));
        Assert.Equal(1_000_000m, history[1].GetProperty("price").GetDecimal());

        (await client.PostAsync($"/api/v1/deals/{loser.Id()}/lose", new { reason = "Bought elsewhere" })).Ok();
        Assert.Equal("available", await client.UnitStatusAsync(units[1]));
        Assert.Equal("available", await client.UnitStatusAsync(units[2]));
        Assert.Equal("cancelled", (await client.FetchAsync($"{Base}/reservations/{lostReservation.Id()}")).Ok().Str("status"));
        Assert.Equal("released", (await client.HistoryAsync(units[2])).Single().Str("status"));

        // A sold unit cannot be held, reserved, released or deleted.
        var next = await client.CreateDealAsync(new { title = "Late buyer" });
        var refused = await client.PostAsync($"{Base}/units/{units[0]}/hold", new { dealId = next.Id() });
        refused.Problem(HttpStatusCode.Conflict, "unit.unavailable");
        Assert.Equal("sold", refused.Body.Str("unitStatus"));
        (await client.PostAsync($"{Base}/reservations", new { unitId = units[0], dealId = next.Id(), depositAmount = 1 })).Problem(HttpStatusCode.Conflict, "unit.unavailable");
        (await client.PostAsync($"{Base}/units/{units[0]}/release")).Problem(HttpStatusCode.Conflict, "unit.sold");
        (await client.DropAsync($"{Base}/units/{units[0]}")).Problem(HttpStatusCode.Conflict, "unit.claimed");
        Assert.Equal(["sold"], (await client.ItemsAsync($"{Base}/units?buildingId={building}&status=sold")).Select(u => u.Str("status")));
    }

    [Fact]
    public async Task An_expired_hold_reads_as_available_and_the_job_releases_it()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var host = fixture.CreateFactory(services => services.AddSingleton<TimeProvider>(clock));
        var tenant = await fixture.CreateAsync();
        using var client = host.CreateClient().WithToken((await fixture.LoginOwnerAsync(tenant)).AccessToken);
        var unit = await client.UnitAsync();
        var deal = await client.CreateDealAsync(new { title = "Buyer" });
        var hold = (await client.PostAsync($"{Base}/units/{unit}/hold", new { dealId = deal.Id(), hours = 1 })).Created();
        var expiresAt = hold.GetProperty("expiresAt").GetDateTimeOffset();

        clock.Advance(TimeSpan.FromMinutes(59));
        Assert.Equal("held", await client.UnitStatusAsync(unit));
        Assert.Equal("Active", await StoredHoldStatusAsync(unit));

        // Past the expiry: available on read at once, before any job has run...
        clock.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal("available", await client.UnitStatusAsync(unit));
        Assert.Single(await client.ItemsAsync($"{Base}/units?status=available"));
        Assert.Equal("expired", (await client.HistoryAsync(unit)).Single().Str("status"));

        // ...and the job's pass ends the hold in the database, at its expiry time.
        await host.Services.GetRequiredService<HoldExpiryJob>().RunOnceAsync(CancellationToken.None);
        Assert.Equal("Expired", await StoredHoldStatusAsync(unit));
        Assert.Equal("Available", await fixture.ScalarAsync<string>("SELECT status FROM inventory.units WHERE id = $1", unit));
        Assert.Equal(expiresAt, (await client.HistoryAsync(unit)).Single().GetProperty("endedAt").GetDateTimeOffset());

        // The unit can be held again.
        (await client.PostAsync($"{Base}/units/{unit}/hold", new { dealId = deal.Id() })).Created();
    }

    [Fact]
    public async Task Holding_over_an_expired_hold_ends_it_first()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var host = fixture.CreateFactory(services => services.AddSingleton<TimeProvider>(clock));
        var tenant = await fixture.CreateAsync();
        using var client = host.CreateClient().WithToken((await fixture.LoginOwnerAsync(tenant)).AccessToken);
        var unit = await client.UnitAsync();
        var deal = await client.CreateDealAsync(new { title = "Buyer" });
        (await client.PostAsync($"{Base}/units/{unit}/hold", new { dealId = deal.Id(), hours = 1 })).Created();
        clock.Advance(TimeSpan.FromHours(2));
        (await client.PostAsync($"{Base}/reservations", new { unitId = unit, dealId = deal.Id(), depositAmount = 10 })).Created();
        Assert.Equal(["expired", "active"], (await client.HistoryAsync(unit)).Select(h => h.Str("status")));
        Assert.Equal("reserved", await client.UnitStatusAsync(unit));
    }

    private Task<string> StoredHoldStatusAsync(Guid unit) =>
        fixture.ScalarAsync<string>("SELECT status FROM inventory.unit_claims WHERE unit_id = $1 AND kind = 'Hold' ORDER BY created_at DESC LIMIT 1", unit);
}
