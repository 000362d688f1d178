using M3CoreCrm.BuildingBlocks.Auditing;
using M3CoreCrm.BuildingBlocks.Data;
using M3CoreCrm.BuildingBlocks.Events;
using M3CoreCrm.BuildingBlocks.Http;
using M3CoreCrm.BuildingBlocks.Modules;
using M3CoreCrm.BuildingBlocks.Tenancy;
using M3CoreCrm.Modules.Identity.Contracts;
using M3CoreCrm.Modules.Tenancy.Contracts;
using M3CoreCrm.Modules.Tenancy.Data;
using M3CoreCrm.Modules.Tenancy.Domain;
using Microsoft.EntityFrameworkCore;

namespace M3CoreCrm.Modules.Tenancy.Features.Tenants;

/// <summary>What a new tenant needs: its identity, and its first owner.</summary>
internal sealed record NewTenant(
    string Slug,
    string Name,
    string DefaultCurrency,
    string TimeZone,
    TenantPlanLimits Limits,
    string OwnerEmail,
    string OwnerPassword,
    string OwnerDisplayName);

/// <summary>
/// Creates a tenant, its system roles and its owner in one transaction (used by the platform endpoint and the CLI),
/// then lets each module's demo seeder fill it when asked.
/// </summary>
internal sealed class TenantProvisioner(
    TenancyDbContext db,
    UnitOfWork unitOfWork,
    ITenantContext tenantContext,
    ITenantOwnerProvisioning owners,
    IAuditLog audit,
    IntegrationEventPublisher events,
    TimeProvider clock)
{
    public async Task<(TenantInfo Tenant, Guid OwnerUserId)> ProvisionAsync(NewTenant request, CancellationToken ct)
    {
        if (await db.Tenants.AnyAsync(t => t.Slug == request.Slug, ct))
        {
            throw Problems.Conflict("tenant.slug_taken", $"The slug '{request.Slug}' is taken.");
        }

        var tenant = Tenant.Create(Guid.CreateVersion7(), request.Slug, request.Name, request.DefaultCurrency, request.TimeZone, request.Limits, clock.GetUtcNow());
        tenantContext.SetTenant(tenant.Id);
        var ownerId = await unitOfWork.InTransactionAsync(async token =>
        {
            db.Tenants.Add(tenant);
            await db.SaveChangesAsync(token);
            var owner = await owners.ProvisionAsync(request.OwnerEmail, request.OwnerPassword, request.OwnerDisplayName, token);
            await events.PublishAsync(new TenantProvisioned(tenant.Id), token);
            await audit.RecordAsync("tenant.provisioned", "tenant", tenant.Id.ToString(), null, new { tenant.Slug, tenant.Name }, token);
            return owner;
        }, ct);
        return (tenant.ToInfo(), ownerId);
    }

    /// <summary>Runs every module's demo seeder, in order, inside the tenant (already set by <see cref="ProvisionAsync"/>).</summary>
    public static async Task SeedDemoAsync(IEnumerable<IDemoDataSeeder> seeders, DemoSeedContext context, CancellationToken ct)
    {
        foreach (var seeder in seeders.OrderBy(s => s.Order))
        {
            await seeder.SeedAsync(context, ct);
        }
    }
}
