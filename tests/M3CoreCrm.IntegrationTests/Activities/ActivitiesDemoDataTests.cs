using M3CoreCrm.BuildingBlocks.Modules;
using M3CoreCrm.BuildingBlocks.Tenancy;
using M3CoreCrm.IntegrationTests.Deals;
using M3CoreCrm.IntegrationTests.Infrastructure;
using M3CoreCrm.Modules.Activities.Demo;
using M3CoreCrm.Modules.Tenancy.Features.Tenants;
using Microsoft.Extensions.DependencyInjection;

namespace M3CoreCrm.IntegrationTests.Activities;

[Collection("api")]
public sealed class ActivitiesDemoDataTests(ApiFixture fixture)
{
    [Fact]
    public async Task The_demo_tenant_gets_activities_and_tasks_on_leads_contacts_deals_and_units_once()
    {
        var tenant = await fixture.CreateAsync();
        var agent = await fixture.AddUserAsync(tenant, "Agent");
        await using (var scope = fixture.Factory.Services.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<ITenantContext>().SetTenant(tenant.Id);
            var seeders = scope.ServiceProvider.GetServices<IDemoDataSeeder>().ToList();
            Assert.Equal(seeders.Max(s => s.Order), Assert.Single(seeders.OfType<ActivitiesDemoSeeder>()).Order); // after the records it targets
            var context = new DemoSeedContext(tenant.Id, tenant.OwnerId, [agent.Id]);
            await TenantProvisioner.SeedDemoAsync(seeders, context, CancellationToken.None);
            await seeders.OfType<ActivitiesDemoSeeder>().Single().SeedAsync(context, CancellationToken.None); // again: nothing more
        }

        Assert.Equal((long)ActivitiesDemoSeeder.ActivityCount, await CountAsync("activities.activities", tenant.Id));
        Assert.Equal((long)ActivitiesDemoSeeder.TaskCount, await CountAsync("activities.tasks", tenant.Id));
        foreach (var type in new[] { "lead", "contact", "company", "deal", "unit" })
        {
            Assert.True(await CountAsync("activities.activity_targets", tenant.Id, type) >= 40, $"few activities on {type}s");
            Assert.True(await CountAsync("activities.task_targets", tenant.Id, type) >= 10, $"few tasks on {type}s");
        }

        // Every target is a live record of the tenant: nothing shows as deleted.
        using var owner = await fixture.OwnerClientAsync(tenant);
        var page = await owner.ItemsAsync("/api/v1/activities?limit=200");
        Assert.All(page.SelectMany(a => a.Targets()), t => Assert.False(t.Deleted));
        var deal = page.SelectMany(a => a.Targets()).First(t => t.Type == "deal").Id;
        Assert.Contains(await owner.AllPagesAsync($"/api/v1/timeline/deal/{deal}"), i => i.Str("kind") == "stageMove");
    }

    private Task<long> CountAsync(string table, Guid tenantId, string? targetType = null) =>
        targetType is null
            ? fixture.ScalarAsync<long>($"SELECT count(*) FROM {table} WHERE tenant_id = $1", tenantId)
            : fixture.ScalarAsync<long>($"SELECT count(*) FROM {table} WHERE tenant_id = $1 AND target_type = $2", tenantId, targetType);
}
