using M3CoreCrm.BuildingBlocks.Modules;
using M3CoreCrm.BuildingBlocks.Tenancy;
using M3CoreCrm.IntegrationTests.Deals;
using M3CoreCrm.IntegrationTests.Infrastructure;
using M3CoreCrm.Modules.Tenancy.Features.Tenants;
using Microsoft.Extensions.DependencyInjection;

namespace M3CoreCrm.IntegrationTests.Inventory;

/// <summary>
/// The demo tenant's deals and inventory read like a working agency: deals tied to contacts, companies, leads and
/// units; reservations with payment plans, holds, sales of won deals, cancelled reservations of lost ones, and
/// reopened deals whose units were reserved again — each with its history.
/// </summary>
[Collection("api")]
public sealed class DealsAndInventoryDemoDataTests(ApiFixture fixture)
{
    [Fact]
    public async Task Demo_deals_link_to_people_and_units_and_their_bookings_follow_their_outcome()
    {
        var tenant = await fixture.CreateAsync();
        var agent = await fixture.AddUserAsync(tenant, "Agent");
        await using (var scope = fixture.Factory.Services.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<ITenantContext>().SetTenant(tenant.Id);
            var seeders = scope.ServiceProvider.GetServices<IDemoDataSeeder>().ToList();
            await TenantProvisioner.SeedDemoAsync(seeders, new DemoSeedContext(tenant.Id, tenant.OwnerId, [agent.Id]), CancellationToken.None);
        }

        Assert.True(await CountAsync("deals.deals", "contact_id IS NOT NULL") >= 100, "few deals with a contact");
        Assert.True(await CountAsync("deals.deals", "company_id IS NOT NULL") >= 30, "few deals with a company");
        Assert.True(await CountAsync("deals.deals", "source_lead_id IS NOT NULL") >= 20, "few deals from a lead");
        Assert.True(await CountAsync("deals.deals", "cardinality(unit_ids) > 0") >= 30, "few deals with a unit");
        Assert.True(await CountAsync("deals.deal_stage_history", "action = 'Reopened'") >= 2, "no reopened deals");
        Assert.True(await CountAsync("deals.deal_stage_history", "to_stage_name IS NULL") == 0, "history rows without stage names");

        Assert.True(await CountAsync("inventory.unit_claims", "kind = 'Reservation' AND status = 'Active' AND payment_plan IS NOT NULL") >= 10, "few active reservations");
        Assert.True(await CountAsync("inventory.unit_claims", "kind = 'Hold' AND status = 'Active'") >= 3, "few holds");
        Assert.True(await CountAsync("inventory.unit_claims", "kind = 'Sale'") >= 2, "no sales");
        Assert.True(await CountAsync("inventory.unit_claims", "kind = 'Reservation' AND status = 'Cancelled'") >= 2, "no cancelled reservations");

        // A reopened deal's unit: reserved, cancelled with the loss, reserved again.
        using var owner = await fixture.OwnerClientAsync(tenant);
        var reopened = await fixture.ScalarAsync<Guid>(
            """
            SELECT d.id FROM deals.deals AS d
             WHERE d.tenant_id = $1 AND cardinality(d.unit_ids) > 0
               AND EXISTS (SELECT 1 FROM deals.deal_stage_history AS h WHERE h.tenant_id = d.tenant_id AND h.deal_id = d.id AND h.action = 'Reopened')
             LIMIT 1
            """, tenant.Id);
        var deal = (await owner.FetchAsync($"/api/v1/deals/{reopened}")).Ok();
        Assert.Equal("open", deal.Str("status"));
        var unit = deal.GetProperty("unitIds")[0].GetGuid();
        Assert.Equal("reserved", await owner.UnitStatusAsync(unit));
        Assert.Equal(["cancelled", "active"], (await owner.HistoryAsync(unit)).Select(h => h.Str("status")));
        var history = (await owner.FetchAsync($"/api/v1/deals/{reopened}/history")).Ok().EnumerateArray().Select(h => h.Str("action")).ToList();
        Assert.Equal(["lost", "reopened"], history.TakeLast(2));

        async Task<long> CountAsync(string table, string condition) =>
            await fixture.ScalarAsync<long>($"SELECT count(*) FROM {table} WHERE tenant_id = $1 AND {condition}", tenant.Id);
    }
}
