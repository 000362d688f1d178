using M3CoreCrm.BuildingBlocks.Authorization;
using M3CoreCrm.BuildingBlocks.Security;
using M3CoreCrm.BuildingBlocks.Tenancy;
using M3CoreCrm.Modules.Identity.Data;
using M3CoreCrm.Modules.Identity.Domain;
using Microsoft.EntityFrameworkCore;

namespace M3CoreCrm.Modules.Identity.Infrastructure.Authorization;

/// <summary>
/// Resolves the current actor's effective permissions through the cache: a user's from all its roles (most
/// permissive grant wins) and its groups; an API key's from its one role, with no groups and no user, so "own" and
/// "group" scopes cover no records for a key.
/// </summary>
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
        if (tenant.TenantId is not { } tenantId)
        {
            return None;
        }

        return actor.Kind switch
        {
            ActorKind.User when actor.UserId is { } userId =>
                await cache.GetOrLoadAsync(tenantId, $"user:{userId}", () => LoadForUserAsync(userId, cancellationToken)),
            ActorKind.ApiKey when actor.Id is { } keyId =>
                await cache.GetOrLoadAsync(tenantId, $"apikey:{keyId}", () => LoadForApiKeyAsync(keyId, cancellationToken)),
            _ => None,
        };
    }

    internal async Task<EffectivePermissions> LoadForUserAsync(Guid userId, CancellationToken ct)
    {
        var roleIds = await db.UserRoles.Where(ur => ur.UserId == userId).Select(ur => ur.RoleId).ToListAsync(ct);
        var grants = await GrantsOfRolesAsync(roleIds, ct);

        var groupIds = db.GroupMembers.Where(m => m.UserId == userId).Select(m => m.GroupId);
        var members = await db.GroupMembers.Where(m => groupIds.Contains(m.GroupId)).Select(m => m.UserId).Distinct().ToListAsync(ct);
        if (!members.Contains(userId))
        {
            members.Add(userId);
        }

        return new EffectivePermissions(userId, grants, members);
    }

    /// <summary>
    /// The key's role's grants, each at most at its creator's current scope: a key never does more than the user who
    /// created it can do now, and nothing once that user is disabled (keys created before creators were recorded
    /// keep their role's grants).
    /// </summary>
    internal async Task<EffectivePermissions> LoadForApiKeyAsync(Guid keyId, CancellationToken ct)
    {
        var key = await db.ApiKeys.Where(k => k.Id == keyId).Select(k => new { k.RoleId, k.CreatedByUserId }).FirstOrDefaultAsync(ct);
        if (key is null)
        {
            return None;
        }

        var grants = await GrantsOfRolesAsync([key.RoleId], ct);
        if (key.CreatedByUserId is { } creatorId)
        {
            var creatorActive = await db.Users.AnyAsync(u => u.Id == creatorId && u.Status == UserStatus.Active, ct);
            var creator = creatorActive ? (await LoadForUserAsync(creatorId, ct)).Grants : new Dictionary<string, PermissionScope>();
            grants = grants.Where(g => creator.ContainsKey(g.Key))
                .ToDictionary(g => g.Key, g => g.Value < creator[g.Key] ? g.Value : creator[g.Key], StringComparer.Ordinal);
        }

        return new EffectivePermissions(null, grants, []);
    }

    /// <summary>The union of the roles' grants, each permission with its widest scope.</summary>
    internal async Task<Dictionary<string, PermissionScope>> GrantsOfRolesAsync(IReadOnlyCollection<Guid> roleIds, CancellationToken ct)
    {
        var grants = new Dictionary<string, PermissionScope>(StringComparer.Ordinal);
        if (roleIds.Count == 0)
        {
            return grants;
        }

        var roles = await db.Roles.Where(r => roleIds.Contains(r.Id)).Select(r => new { r.Id, r.Name, r.IsSystem }).ToListAsync(ct);
        var customIds = roles.Where(r => !r.IsSystem).Select(r => r.Id).ToList();
        var custom = customIds.Count == 0
            ? []
            : await db.RoleGrants.Where(g => customIds.Contains(g.RoleId)).Select(g => new { g.Permission, g.Scope }).ToListAsync(ct);

        var all = roles.Where(r => r.IsSystem).SelectMany(r => SystemRoles.GrantsOf(r.Name, catalog))
            .Concat(custom.Select(g => (g.Permission, g.Scope)));
        foreach (var (permission, scope) in all)
        {
            if (!grants.TryGetValue(permission, out var current) || scope > current)
            {
                grants[permission] = scope;
            }
        }

        return grants;
    }
}
