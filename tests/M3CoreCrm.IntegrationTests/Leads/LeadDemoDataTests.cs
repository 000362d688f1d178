using System.Net;
using M3CoreCrm.BuildingBlocks.Modules;
using M3CoreCrm.BuildingBlocks.Tenancy;
using M3CoreCrm.IntegrationTests.Infrastructure;
using M3CoreCrm.Modules.Leads.Demo;
using Microsoft.Extensions.DependencyInjection;
using static M3CoreCrm.IntegrationTests.Leads.LeadsHttp;

namespace M3CoreCrm.IntegrationTests.Leads;

[Collection("api")]
public sealed class LeadDemoDataTests(ApiFixture fixture)
{
    [Fact]
    public async Task The_demo_seeder_fills_a_tenant_with_realistic_leads_and_a_round_robin_rule()
    {
        using var tenant = await LeadsTestTenant.CreateAsync(fixture);
        var (agentA, _) = await tenant.AddUserAsync("Agent");
        var (agentB, _) = await tenant.AddUserAsync("Agent");
        var (viewer, _) = await tenant.AddUserAsync("Viewer");
        await using (var scope = fixture.Factory.Services.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<ITenantContext>().SetTenant(tenant.TenantId);
            var seeder = scope.ServiceProvider.GetServices<IDemoDataSeeder>().OfType<LeadsDemoSeeder>().Single();
            Assert.Equal(30, seeder.Order);
            await seeder.SeedAsync(new DemoSeedContext(tenant.TenantId, tenant.OwnerId, [agentA, agentB, viewer]), CancellationToken.None);
        }

        var leads = await ListAllAsync(tenant.Owner, "/api/v1/leads?limit=200");
        Assert.Equal(LeadsDemoSeeder.Count, leads.Count);
        Assert.Equal(7, leads.Select(l => l.GetProperty("source").GetString()).Distinct().Count());
        Assert.Equal(["contacted", "new", "qualified", "unqualified"], leads.Select(l => l.GetProperty("status").GetString()!).Distinct().Order());
        Assert.All(leads.Where(l => l.GetProperty("phone").ValueKind == System.Text.Json.JsonValueKind.String), l => Assert.StartsWith("+9715", l.GetProperty("phone").GetString(), StringComparison.Ordinal));
        Assert.All(leads, l => Assert.Equal("AED", l.GetProperty("budget").GetProperty("currency").GetString()));
        Assert.All(leads.Where(l => l.GetProperty("status").GetString() == "unqualified"), l => Assert.False(string.IsNullOrEmpty(l.GetProperty("unqualifiedReason").GetString())));
        var owners = leads.Select(l => l.GetProperty("ownerId")).Where(o => o.ValueKind != System.Text.Json.JsonValueKind.Null).Select(o => o.GetGuid()).ToHashSet();
        Assert.Superset(new HashSet<Guid> { agentA, agentB, viewer, tenant.OwnerId }, owners);

        // The viewer cannot work on leads, so the rule does not hand them any.
        var rule = Assert.Single(await ListAllAsync(tenant.Owner, "/api/v1/leads/assignment-rules"));
        Assert.True(rule.GetProperty("isActive").GetBoolean());
        Assert.Equal(new[] { agentA, agentB }.Order(), rule.GetProperty("userIds").EnumerateArray().Select(u => u.GetGuid()).Order());
        var first = (await CreateAsync(tenant.Owner, NewLead("FromTheWeb", source: "website"))).GetProperty("ownerId").GetGuid();
        var second = (await CreateAsync(tenant.Owner, NewLead("FromThePortal", source: "portal"))).GetProperty("ownerId").GetGuid();
        Assert.Equal(new[] { agentA, agentB }.Order(), new[] { first, second }.Order());
        using var walkIn = await tenant.Owner.PostAsync("/api/v1/leads", System.Net.Http.Json.JsonContent.Create(NewLead("WalkedIn", source: "walkIn")));
        Assert.Equal(System.Text.Json.JsonValueKind.Null, (await ReadAsync(walkIn, HttpStatusCode.Created)).GetProperty("ownerId").ValueKind);
    }
}
