using M3CoreCrm.BuildingBlocks.Authorization;
using M3CoreCrm.BuildingBlocks.Security;
using M3CoreCrm.BuildingBlocks.Tenancy;
using M3CoreCrm.Modules.Identity.Data;
using Microsoft.EntityFrameworkCore;

namespace M3CoreCrm.Modules.Identity.Authorization;

/// <summary>Resolves the current user's effective permissions (most permissive grant wins) through the cache.</summary>
internal sealed class PermissionResolver(
    IdentityDbContext db,
    ICurrentActor actor,
    ITenantContext tenant,
    PermissionCatalog catalog,
    PermissionCache cache) : IPermissionResolver
{
    private static readonly EffectivePermissions None = new(null, new Dictionary<string, PermissionScope>(), []);

    public async Task<EffectivePermissions> ResolveCurrentAsync(CancellationToken cancellationToken)
    {
        if (tenant.TenantId is not { } tenantId || actor.Kind != ActorKind.User || actor.UserId is not { } userId)
        {
            return None;
        }

        return await cache.GetOrLoadAsync(tenantId, $"user:{userId}", () => LoadForUserAsync(userId, cancellationToken));
    }

    internal async Task<EffectivePermissions> LoadForUserAsync(Guid userId, CancellationToken ct)
    {
        var roles = await db.UserRoles.Where(ur => ur.UserId == userId)
            .Join(db.Roles, ur => ur.RoleId, r => r.Id, (ur, r) => new { r.Id, r.Name, r.IsSystem })
            .ToListAsync(ct);
        var customIds = roles.Where(r => !r.IsSystem).Select(r => r.Id).ToList();
        var custom = await db.RoleGrants.Where(g => customIds.Contains(g.RoleId)).Select(g => new { g.Permission, g.Scope }).ToListAsync(ct);

        var grants = new Dictionary<string, PermissionScope>(StringComparer.Ordinal);
        var all = roles.Where(r => r.IsSystem).SelectMany(r => SystemRoles.GrantsOf(r.Name, catalog))
            .Concat(custom.Select(g => (g.Permission, g.Scope)));
        foreach (var (permission, scope) in all)
        {
            if (!grants.TryGetValue(permission, out var current) || scope > current)
            {
                grants[permission] = scope;
            }
        }

        var groupIds = db.GroupMembers.Where(m => m.UserId == userId).Select(m => m.GroupId);
        var members = await db.GroupMembers.Where(m => groupIds.Contains(m.GroupId)).Select(m => m.UserId).Distinct().ToListAsync(ct);
        if (!members.Contains(userId))
        {
            members.Add(userId);
        }

        return new EffectivePermissions(userId, grants, members);
    }
}
