using System.Net;
using M3CoreCrm.BuildingBlocks.Modules;
using M3CoreCrm.BuildingBlocks.Tenancy;
using M3CoreCrm.IntegrationTests.Infrastructure;
using M3CoreCrm.Modules.Identity.Contracts;
using M3CoreCrm.Modules.Tenancy.Features.Tenants;
using Microsoft.Extensions.DependencyInjection;

namespace M3CoreCrm.IntegrationTests.Authorization;

[Collection("api")]
public sealed class DemoDataTests(ApiFixture fixture)
{
    [Fact]
    public async Task The_demo_team_has_the_manager_and_two_agents()
    {
        var tenant = await fixture.CreateAsync();
        var people = new List<Guid>();
        await using (var scope = fixture.Factory.Services.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<ITenantContext>().SetTenant(tenant.Id);
            var users = scope.ServiceProvider.GetRequiredService<ITenantOwnerProvisioning>();
            foreach (var (name, role) in new[] { ("manager", "Manager"), ("agent1", "Agent"), ("agent2", "Agent"), ("agent3", "Agent"), ("viewer", "Viewer") })
            {
                people.Add(await users.AddUserAsync($"{name}@{tenant.Slug}.test", TestTeam.Password, name, role, CancellationToken.None));
            }

            var seeders = scope.ServiceProvider.GetServices<IDemoDataSeeder>().ToList();
            await TenantProvisioner.SeedDemoAsync(seeders, new DemoSeedContext(tenant.Id, tenant.OwnerId, people), CancellationToken.None);
            await TenantProvisioner.SeedDemoAsync(seeders, new DemoSeedContext(tenant.Id, tenant.OwnerId, people), CancellationToken.None); // idempotent
        }

        using var owner = await fixture.OwnerClientAsync(tenant);
        var group = Assert.Single((await owner.GetJsonAsync("/api/v1/groups")).Expect(HttpStatusCode.OK).Json.GetProperty("items").EnumerateArray());
        Assert.Equal("Marina Team", group.GetProperty("name").GetString());
        var emails = group.GetProperty("members").EnumerateArray().Select(m => m.GetProperty("email").GetString()).Order(StringComparer.Ordinal);
        Assert.Equal([$"agent1@{tenant.Slug}.test", $"agent2@{tenant.Slug}.test", $"manager@{tenant.Slug}.test"], emails);
        var key = Assert.Single((await owner.GetJsonAsync("/api/v1/api-keys")).Json.GetProperty("items").EnumerateArray());
        Assert.Equal("Viewer", key.GetProperty("roleName").GetString());
    }
}
