using M3CoreCrm.BuildingBlocks.Auditing;
using M3CoreCrm.BuildingBlocks.Http;
using M3CoreCrm.BuildingBlocks.Tenancy;
using M3CoreCrm.Modules.Tenancy.Contracts;
using M3CoreCrm.Modules.Tenancy.Data;
using M3CoreCrm.Modules.Tenancy.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace M3CoreCrm.Modules.Tenancy.Features.Tenants;

/// <summary>
/// Suspends and re-activates tenants for the platform operator. Each change is audited in the tenant's own audit log
/// (<c>tenant.suspended</c> / <c>tenant.activated</c>, actor "system", details <c>via: platform</c>), so the tenant's
/// administrators see it, and written to the security log (event 4012).
/// </summary>
internal sealed partial class TenantStatusChanger(
    TenancyDbContext db,
    TenantAccessGate gate,
    ITenantContext tenantContext,
    IAuditLog audit,
    ILogger<TenantStatusChanger> logger)
{
    public async Task<Ok<TenantResponse>> SetAsync(Guid id, TenantStatus status, CancellationToken ct)
    {
        var tenant = await db.Tenants.FirstOrDefaultAsync(t => t.Id == id, ct) ?? throw Problems.NotFound("tenant", id);
        var previous = tenant.Status;
        if (status == TenantStatus.Suspended)
        {
            tenant.Suspend();
        }
        else
        {
            tenant.Activate();
        }

        await db.SaveChangesAsync(ct);
        gate.Forget(id);

        var action = status == TenantStatus.Suspended ? "tenant.suspended" : "tenant.activated";
        tenantContext.SetTenant(id);
        await audit.RecordAsync(action, "tenant", id.ToString(), null, new { via = "platform", previous, current = status }, ct);
        LogChanged(logger, action, id, previous, status);
        return TypedResults.Ok(TenantResponse.From(tenant.ToInfo()));
    }

    [LoggerMessage(EventId = 4012, EventName = "TenantStatusChanged", Level = LogLevel.Warning,
        Message = "Security: platform {Action} tenant {TenantId} ({Previous} -> {Current})")]
    private static partial void LogChanged(ILogger logger, string action, Guid tenantId, TenantStatus previous, TenantStatus current);
}
