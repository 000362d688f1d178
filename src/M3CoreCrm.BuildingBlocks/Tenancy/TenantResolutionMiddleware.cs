using M3CoreCrm.BuildingBlocks.Security;
using Microsoft.AspNetCore.Http;

namespace M3CoreCrm.BuildingBlocks.Tenancy;

/// <summary>
/// Sets the tenant of the request from the authenticated principal's <c>tid</c> claim, and lets the Tenancy
/// module refuse suspended tenants. Anonymous routes (login, refresh) set the tenant themselves.
/// </summary>
internal sealed class TenantResolutionMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context, ITenantContext tenant, IEnumerable<ITenantAccessGate> gates)
    {
        if (Guid.TryParse(context.User.FindFirst(CrmClaims.TenantId)?.Value, out var tenantId))
        {
            tenant.SetTenant(tenantId);
            foreach (var gate in gates)
            {
                await gate.EnsureAccessAsync(tenantId, context.RequestAborted);
            }
        }

        await next(context);
    }
}

/// <summary>A check every tenant-scoped request passes (the Tenancy module refuses suspended tenants with 403).</summary>
public interface ITenantAccessGate
{
    ValueTask EnsureAccessAsync(Guid tenantId, CancellationToken cancellationToken);
}
