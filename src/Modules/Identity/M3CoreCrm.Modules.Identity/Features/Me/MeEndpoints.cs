using M3CoreCrm.BuildingBlocks.Authorization;
using M3CoreCrm.BuildingBlocks.Http;
using M3CoreCrm.BuildingBlocks.Security;
using M3CoreCrm.BuildingBlocks.Tenancy;
using M3CoreCrm.Modules.Identity.Data;
using M3CoreCrm.Modules.Tenancy.Contracts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace M3CoreCrm.Modules.Identity.Features.Me;

/// <summary>GET /api/v1/me: who the caller is, in which tenant, with which roles and effective permissions.</summary>
internal static class MeEndpoint
{
    internal sealed record MeUser(Guid Id, string Email, string DisplayName, string Status, DateTimeOffset? LastLoginAt);

    internal sealed record MeTenant(Guid Id, string Slug, string Name, string DefaultCurrency, string TimeZone);

    internal sealed record MeRole(Guid Id, string Name, bool IsSystem);

    internal sealed record MeGrant(string Permission, PermissionScope Scope);

    internal sealed record MeResponse(MeUser User, MeTenant Tenant, IReadOnlyList<MeRole> Roles, IReadOnlyList<MeGrant> Permissions, Guid SessionId);

    internal static void Map(IEndpointRouteBuilder api) =>
        api.MapGet("/me", GetAsync)
            .WithTags("Auth")
            .WithName("GetMe")
            .WithSummary("The current user, tenant, roles and effective permissions.")
            .RequireSelf();

    private static async Task<Ok<MeResponse>> GetAsync(
        ICurrentActor actor, ITenantContext tenant, IdentityDbContext db, ITenantDirectory tenants, AccessScope access, CancellationToken ct)
    {
        var userId = actor.UserId ?? throw Problems.Forbidden("auth.user_required", "Only users have a profile; API keys do not.");
        var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == userId, ct) ?? throw Problems.NotFound("user", userId);
        var info = await tenants.FindAsync(tenant.RequiredTenantId, ct) ?? throw Problems.NotFound("tenant");
        var roles = await db.UserRoles.Where(ur => ur.UserId == userId)
            .Join(db.Roles, ur => ur.RoleId, r => r.Id, (ur, r) => new MeRole(r.Id, r.Name, r.IsSystem))
            .ToListAsync(ct);
        var permissions = await access.PermissionsAsync(ct);
        return TypedResults.Ok(new MeResponse(
            new MeUser(user.Id, user.Email, user.DisplayName, user.Status.ToString().ToLowerInvariant(), user.LastLoginAt),
            new MeTenant(info.Id, info.Slug, info.Name, info.DefaultCurrency, info.TimeZone),
            roles,
            permissions.Grants.OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => new MeGrant(g.Key, g.Value)).ToList(),
            actor.SessionId ?? Guid.Empty));
    }
}
