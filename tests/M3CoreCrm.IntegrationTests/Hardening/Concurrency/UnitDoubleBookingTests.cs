using System.Net;
using M3CoreCrm.IntegrationTests.Deals;
using M3CoreCrm.IntegrationTests.Infrastructure;
using static M3CoreCrm.IntegrationTests.Inventory.InventoryTestKit;

namespace M3CoreCrm.IntegrationTests.Hardening.Concurrency;

/// <summary>
/// One unit, many buyers at the same instant: reservations, a hold turning into a reservation, holds, reservations
/// and blocks mixed, and cancellations of one reservation. One claim wins each time and the database holds exactly
/// one active claim (InventoryClaimTests races holds alone).
/// </summary>
[Collection("api")]
public sealed class UnitDoubleBookingTests(ApiFixture fixture)
{
    [Fact]
    public async Task Of_concurrent_reservations_of_one_unit_by_different_deals_exactly_one_succeeds()
    {
        var (client, unit, deals) = await SetUpAsync();
        using var _ = client;

        var replies = await Race.RunAsync(i => client.PostAsync($"{Base}/reservations", new { unitId = unit, dealId = deals[i % deals.Count], depositAmount = 10_000m }));

        var winner = Race.SingleWinner(replies, HttpStatusCode.Created, HttpStatusCode.Conflict, "unit.unavailable");
        Assert.Equal("reserved", await client.UnitStatusAsync(unit));
        Assert.Equal(winner.Body.Id(), await ActiveClaimAsync(unit));
    }

    [Fact]
    public async Task Concurrent_reservations_converting_one_hold_make_one_reservation()
    {
        var (client, unit, deals) = await SetUpAsync();
        using var _ = client;
        (await client.PostAsync($"{Base}/units/{unit}/hold", new { dealId = deals[0] })).Created();

        var replies = await Race.RunAsync(_ => client.PostAsync($"{Base}/reservations", new { unitId = unit, dealId = deals[0], depositAmount = 5_000m }));

        var winner = Race.SingleWinner(replies, HttpStatusCode.Created, HttpStatusCode.Conflict, "unit.unavailable");
        Assert.Equal(winner.Body.Id(), await ActiveClaimAsync(unit));
        var history = await client.HistoryAsync(unit);
        Assert.Equal(["hold:converted", "reservation:active"], history.Select(h => $"{h.Str("kind")}:{h.Str("status")}"));
    }

    [Fact]
    public async Task Of_holds_reservations_and_blocks_racing_for_one_unit_exactly_one_claims_it()
    {
        var (client, unit, deals) = await SetUpAsync();
        using var _ = client;

        // Holders and reservers are different deals: a reservation by the deal that holds the unit legitimately converts
        // the hold (a second 201 in sequence, not a double booking), which the test above covers on its own.
        var replies = await Race.RunAsync(i => (i % 3) switch
        {
            0 => client.PostAsync($"{Base}/units/{unit}/hold", new { dealId = deals[i % 2] }),
            1 => client.PostAsync($"{Base}/reservations", new { unitId = unit, dealId = deals[2 + (i % 2)], depositAmount = 1_000m }),
            _ => client.PostAsync($"{Base}/units/{unit}/block"),
        });

        var winner = Race.SingleWinner(replies, HttpStatusCode.Created, HttpStatusCode.Conflict, "unit.unavailable");
        Assert.Equal(winner.Body.Id(), await ActiveClaimAsync(unit));
        Assert.Single(await client.HistoryAsync(unit));
    }

    [Fact]
    public async Task Of_concurrent_cancellations_of_one_reservation_exactly_one_succeeds_and_the_unit_is_free()
    {
        var (client, unit, deals) = await SetUpAsync();
        using var _ = client;
        var reservation = (await client.PostAsync($"{Base}/reservations", new { unitId = unit, dealId = deals[0], depositAmount = 1_000m })).Created().Id();

        var replies = await Race.RunAsync(_ => client.PostAsync($"{Base}/reservations/{reservation}/cancel"));

        Race.SingleWinner(replies, HttpStatusCode.OK, HttpStatusCode.Conflict);
        Assert.Equal("available", await client.UnitStatusAsync(unit));
        Assert.Null(await ActiveClaimAsync(unit));
        Assert.Equal("cancelled", Assert.Single(await client.HistoryAsync(unit)).Str("status"));
    }

    private async Task<(HttpClient Client, Guid Unit, List<Guid> Deals)> SetUpAsync()
    {
        var tenant = await fixture.CreateAsync(requestsPerMinute: 100_000);
        var client = await fixture.OwnerClientAsync(tenant);
        var unit = await client.UnitAsync();
        var deals = new List<Guid>();
        for (var i = 0; i < 4; i++)
        {
            deals.Add((await client.CreateDealAsync(new { title = $"Buyer {i}" })).Id());
        }

        return (client, unit, deals);
    }

    /// <summary>The id of the unit's one active claim, or null; fails if there are two (the partial unique index forbids it).</summary>
    private async Task<Guid?> ActiveClaimAsync(Guid unit)
    {
        var count = await fixture.ScalarAsync<long>("SELECT count(*) FROM inventory.unit_claims WHERE unit_id = $1 AND lower(status) = 'active'", unit);
        Assert.True(count <= 1, $"{count} active claims on one unit");
        return count == 0 ? null : await fixture.ScalarAsync<Guid>("SELECT id FROM inventory.unit_claims WHERE unit_id = $1 AND lower(status) = 'active'", unit);
    }
}
