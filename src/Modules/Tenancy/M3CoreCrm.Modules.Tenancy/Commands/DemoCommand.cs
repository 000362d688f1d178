using M3CoreCrm.BuildingBlocks.Modules;
using M3CoreCrm.Modules.Identity.Contracts;
using M3CoreCrm.Modules.Tenancy.Contracts;
using M3CoreCrm.Modules.Tenancy.Features.Tenants;
using Microsoft.Extensions.DependencyInjection;

namespace M3CoreCrm.Modules.Tenancy.Commands;

/// <summary>
/// <c>demo</c>: provisions the demo tenant (slug "demo") with an owner, a few agents and every module's sample data,
/// once, and prints the credentials for Swagger UI's Authorize button.
/// </summary>
internal sealed class DemoCommand : IHostCommand
{
    internal const string Slug = "demo";
    internal const string OwnerEmail = "owner@demo.m3core.test";
    internal const string OwnerPassword = "Sunny-Marina-2026!";
    internal const string AgentPassword = "Palm-Tower-2026!";

    public string Name => "demo";

    public string Usage => "demo";

    public async Task<int> RunAsync(IReadOnlyList<string> arguments, IServiceProvider services, CancellationToken cancellationToken)
    {
        if (await services.GetRequiredService<ITenantDirectory>().FindBySlugAsync(Slug, cancellationToken) is null)
        {
            var provisioner = services.GetRequiredService<TenantProvisioner>();
            var (tenant, ownerId) = await provisioner.ProvisionAsync(
                new NewTenant(Slug, "Demo Realty", "AED", "Asia/Dubai", new TenantPlanLimits(null, null), OwnerEmail, OwnerPassword, "Olivia Owner"),
                cancellationToken);
            var users = services.GetRequiredService<ITenantOwnerProvisioning>();
            var agents = new List<Guid>();
            foreach (var (email, name, role) in DemoPeople)
            {
                agents.Add(await users.AddUserAsync(email, AgentPassword, name, role, cancellationToken));
            }

            await TenantProvisioner.SeedDemoAsync(services.GetServices<IDemoDataSeeder>(), new DemoSeedContext(tenant.Id, ownerId, agents), cancellationToken);
            Console.WriteLine("Demo tenant created.");
        }

        Console.WriteLine($$"""
            Demo tenant: {{Slug}}
              owner:  {{OwnerEmail}} / {{OwnerPassword}}
              agents: {{string.Join(", ", DemoPeople.Select(p => p.Email))}} / {{AgentPassword}}
            Log in: POST /api/v1/auth/login {"tenant":"{{Slug}}","email":"{{OwnerEmail}}","password":"{{OwnerPassword}}"}
            """);
        return 0;
    }

    private static readonly (string Email, string Name, string Role)[] DemoPeople =
    [
        ("manager@demo.m3core.test", "Mona Manager", "Manager"),
        ("agent1@demo.m3core.test", "Adam Agent", "Agent"),
        ("agent2@demo.m3core.test", "Aisha Agent", "Agent"),
        ("agent3@demo.m3core.test", "Omar Agent", "Agent"),
        ("viewer@demo.m3core.test", "Victor Viewer", "Viewer"),
    ];
}
