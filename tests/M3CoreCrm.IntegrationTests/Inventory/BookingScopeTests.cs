using System.Net;
using M3CoreCrm.IntegrationTests.Deals;
using M3CoreCrm.IntegrationTests.Infrastructure;
using static M3CoreCrm.IntegrationTests.Inventory.InventoryTestKit;

namespace M3CoreCrm.IntegrationTests.Inventory;

/// <summary>
/// Holds and reservations obey the scopes of inventory.read, inventory.hold and inventory.reserve: an agent (own
/// scope) reaches the bookings they made and those on deals or leads they own; a manager (group scope) those of the
/// group's members; a booking outside scope is not found when read and cannot be cancelled, released or converted.
/// </summary>
[Collection("api")]
public sealed class BookingScopeTests(ApiFixture fixture)
{
    [Fact]
    public async Task An_agent_can_neither_see_nor_cancel_release_or_convert_a_colleagues_bookings()
    {
        var tenant = await fixture.CreateAsync();
        using var owner = await fixture.OwnerClientAsync(tenant);
        var (_, building) = await owner.ProjectWithBuildingAsync();
        var units = (await owner.GenerateAsync(building, floors: 1, unitsPerFloor: 3)).Select(u => u.Id()).ToList();
        var agent1 = await fixture.AddUserAsync(tenant, "Agent");
        var agent3 = await fixture.AddUserAsync(tenant, "Agent");
        using var one = await fixture.ClientAsync(tenant, agent1);
        using var three = await fixture.ClientAsync(tenant, agent3);
        var dealOfOne = (await one.CreateDealAsync(new { title = "Agent one's buyer" })).Id();
        var dealOfThree = (await three.CreateDealAsync(new { title = "Agent three's buyer" })).Id();
        var leadOfOne = (await one.PostAsync("/api/v1/leads", new { firstName = "Lead", lastName = "Of One", email = $"lead-{Guid.NewGuid():N}@example.test", source = "website" })).Created().Id();

        var reservation = (await one.PostAsync($"{Base}/reservations", new { unitId = units[0], dealId = dealOfOne, depositAmount = 10 })).Created().Id();
        (await one.PostAsync($"{Base}/units/{units[1]}/hold", new { dealId = dealOfOne })).Created();
        (await one.PostAsync($"{Base}/units/{units[2]}/hold", new { leadId = leadOfOne })).Created();

        (await three.FetchAsync($"{Base}/reservations/{reservation}")).Problem(HttpStatusCode.NotFound, "reservation.not_found");
        Assert.DoesNotContain(await three.AllPagesAsync($"{Base}/reservations"), r => r.Id() == reservation);
        Assert.Empty(await three.HistoryAsync(units[0]));
        (await three.PostAsync($"{Base}/reservations/{reservation}/cancel")).Problem(HttpStatusCode.NotFound, "reservation.not_found");
        (await three.PostAsync($"{Base}/units/{units[1]}/release")).Problem(HttpStatusCode.Forbidden, "inventory.hold_out_of_scope");
        (await three.PostAsync($"{Base}/reservations", new { unitId = units[2], dealId = dealOfThree, depositAmount = 10 }))
            .Problem(HttpStatusCode.Conflict, "unit.unavailable");

        Assert.Equal(["reserved", "held", "held"], await Task.WhenAll(units.Select(u => owner.UnitStatusAsync(u))));
        Assert.Equal("active", (await one.FetchAsync($"{Base}/reservations/{reservation}")).Ok().Str("status"));
        Assert.Single(await one.HistoryAsync(units[2]));

        // The maker reaches their bookings: the lead's hold converts, the hold releases, the reservation cancels.
        (await one.PostAsync($"{Base}/reservations", new { unitId = units[2], dealId = dealOfOne, depositAmount = 10 })).Created();
        (await one.PostAsync($"{Base}/units/{units[1]}/release")).Ok();
        Assert.Equal("cancelled", (await one.PostAsync($"{Base}/reservations/{reservation}/cancel")).Ok().Str("status"));
    }

    [Fact]
    public async Task A_booking_on_an_agents_deal_is_theirs_and_a_manager_reaches_the_groups_bookings()
    {
        var tenant = await fixture.CreateAsync();
        using var owner = await fixture.OwnerClientAsync(tenant);
        var team = await fixture.AddTeamAsync(tenant);
        using var manager = await fixture.ClientAsync(tenant, team.Manager);
        using var member = await fixture.ClientAsync(tenant, team.Member);
        using var outsider = await fixture.ClientAsync(tenant, team.Outsider);
        var (_, building) = await owner.ProjectWithBuildingAsync();
        var units = (await owner.GenerateAsync(building, floors: 1, unitsPerFloor: 2)).Select(u => u.Id()).ToList();
        var memberDeal = (await member.CreateDealAsync(new { title = "Member's buyer" })).Id();
        var outsiderDeal = (await outsider.CreateDealAsync(new { title = "Outsider's buyer" })).Id();

        // Made by the owner, on the member's deal: the member reaches it through the deal.
        var onMemberDeal = (await owner.PostAsync($"{Base}/reservations", new { unitId = units[0], dealId = memberDeal, depositAmount = 5 })).Created().Id();
        var onOutsiderDeal = (await owner.PostAsync($"{Base}/reservations", new { unitId = units[1], dealId = outsiderDeal, depositAmount = 5 })).Created().Id();
        (await member.FetchAsync($"{Base}/reservations/{onMemberDeal}")).Ok();
        (await outsider.FetchAsync($"{Base}/reservations/{onMemberDeal}")).Problem(HttpStatusCode.NotFound);

        Assert.Equal([onMemberDeal], (await manager.AllPagesAsync($"{Base}/reservations")).Select(r => r.Id()));
        (await manager.PostAsync($"{Base}/reservations/{onOutsiderDeal}/cancel")).Problem(HttpStatusCode.NotFound, "reservation.not_found");
        Assert.Equal("cancelled", (await manager.PostAsync($"{Base}/reservations/{onMemberDeal}/cancel")).Ok().Str("status"));
        Assert.Equal("active", (await owner.FetchAsync($"{Base}/reservations/{onOutsiderDeal}")).Ok().Str("status"));
    }

    [Fact]
    public async Task A_booking_naming_a_deal_lead_or_contact_the_caller_cannot_see_answers_like_a_missing_one()
    {
        var tenant = await fixture.CreateAsync();
        using var owner = await fixture.OwnerClientAsync(tenant);
        var unit = await owner.UnitAsync();
        var agent1 = await fixture.AddUserAsync(tenant, "Agent");
        var agent3 = await fixture.AddUserAsync(tenant, "Agent");
        using var one = await fixture.ClientAsync(tenant, agent1);
        using var three = await fixture.ClientAsync(tenant, agent3);
        var hidden = new Dictionary<string, Guid>
        {
            ["dealId"] = (await one.CreateDealAsync(new { title = "Agent one's buyer" })).Id(),
            ["leadId"] = (await one.PostAsync("/api/v1/leads", new { firstName = "Lead", email = $"lead-{Guid.NewGuid():N}@example.test", source = "website" })).Created().Id(),
            ["contactId"] = (await one.PostAsync("/api/v1/contacts", new { firstName = "Contact" })).Created().Id(),
        };

        foreach (var (field, id) in hidden)
        {
            var missing = Guid.CreateVersion7();
            AssertSameAnswer(
                await three.PostAsync($"{Base}/units/{unit}/hold", new Dictionary<string, Guid> { [field] = id }), id,
                await three.PostAsync($"{Base}/units/{unit}/hold", new Dictionary<string, Guid> { [field] = missing }), missing);
        }

        var missingDeal = Guid.CreateVersion7();
        AssertSameAnswer(
            await three.PostAsync($"{Base}/reservations", new { unitId = unit, dealId = hidden["dealId"], depositAmount = 1 }), hidden["dealId"],
            await three.PostAsync($"{Base}/reservations", new { unitId = unit, dealId = missingDeal, depositAmount = 1 }), missingDeal);
        Assert.Equal("available", await owner.UnitStatusAsync(unit));
    }

    /// <summary>The answer naming a record the caller may not see equals the answer naming a missing one, ids aside.</summary>
    internal static void AssertSameAnswer(Reply hidden, Guid hiddenId, Reply missing, Guid missingId)
    {
        Assert.Equal(HttpStatusCode.BadRequest, hidden.Status);
        Assert.Equal(missing.Status, hidden.Status);
        Assert.Equal(Shape(missing, missingId), Shape(hidden, hiddenId));
    }

    private static string Shape(Reply reply, Guid id)
    {
        var errors = reply.Body.TryGetProperty("errors", out var e) ? e.GetRawText() : string.Empty;
        return $"{reply.Body.GetProperty("code").GetString()}|{reply.Body.GetProperty("detail").GetString()}|{errors}"
            .Replace(id.ToString(), "<id>", StringComparison.OrdinalIgnoreCase);
    }
}
