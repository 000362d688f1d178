using M3CoreCrm.BuildingBlocks.Authorization;
using M3CoreCrm.BuildingBlocks.Data;
using M3CoreCrm.BuildingBlocks.Paging;
using M3CoreCrm.Modules.Identity.Data;
using M3CoreCrm.Modules.Identity.Domain;
using M3CoreCrm.Modules.Identity.Infrastructure.Authorization;
using Microsoft.EntityFrameworkCore;

namespace M3CoreCrm.Modules.Identity.Features.Roles;

/// <summary>Reads of roles: the list and one role, each with its grants and how many users and live keys hold it.</summary>
internal sealed class RoleQueries(IdentityDbContext db, PermissionCatalog catalog, CursorCodec cursors, TimeProvider clock)
{
    private static readonly SortCatalog<Role> Sorts = new(
        SortField<Role>.For("id", r => r.Id),
        "name",
        SortField<Role>.For("name", r => r.Name),
        SortField<Role>.For("createdAt", r => r.CreatedAt));

    public async Task<Page<RoleResponse>> ListAsync(RoleListQuery filter, PageQuery page, CancellationToken ct)
    {
        var query = db.Roles.AsNoTracking().Include(r => r.Grants).AsQueryable();
        if (filter.Q is { Length: > 0 } q)
        {
            var pattern = LikePattern.Contains(q);
            query = query.Where(r => EF.Functions.ILike(r.Name, pattern, LikePattern.Escape));
        }

        if (filter.IsSystem is { } isSystem)
        {
            query = query.Where(r => r.IsSystem == isSystem);
        }

        var result = await Keyset.PageAsync(query, Sorts.Parse(page.Sort), page, cursors, r => r, ct);
        var responses = await ToResponsesAsync(result.Items, ct);
        return new Page<RoleResponse>(responses, result.NextCursor, result.Total);
    }

    public async Task<(RoleResponse Response, uint Version)> GetAsync(Guid id, CancellationToken ct)
    {
        var role = await db.Roles.AsNoTracking().Include(r => r.Grants).FindOrNotFoundAsync(id, "role", ct);
        return (await ResponseAsync(role, ct), role.Version);
    }

    public async Task<RoleResponse> ResponseAsync(Role role, CancellationToken ct) => (await ToResponsesAsync([role], ct))[0];

    private async Task<List<RoleResponse>> ToResponsesAsync(IReadOnlyList<Role> roles, CancellationToken ct)
    {
        var ids = roles.Select(r => r.Id).ToList();
        var users = await db.UserRoles.Where(ur => ids.Contains(ur.RoleId)).GroupBy(ur => ur.RoleId)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, ct);
        var now = clock.GetUtcNow();
        var keys = await db.ApiKeys.Where(k => ids.Contains(k.RoleId) && k.RevokedAt == null && (k.ExpiresAt == null || k.ExpiresAt > now)).GroupBy(k => k.RoleId)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, ct);
        return roles.Select(r => new RoleResponse(
            r.Id,
            r.Name,
            r.Description,
            r.IsSystem,
            GrantsOf(r),
            users.GetValueOrDefault(r.Id),
            keys.GetValueOrDefault(r.Id),
            r.CreatedAt,
            r.UpdatedAt)).ToList();
    }

    private List<RoleGrantResponse> GrantsOf(Role role) =>
        (role.IsSystem ? SystemRoles.GrantsOf(role.Name, catalog) : role.Grants.Select(g => (g.Permission, g.Scope)))
            .OrderBy(g => g.Item1, StringComparer.Ordinal)
            .Select(g => new RoleGrantResponse(g.Item1, g.Item2))
            .ToList();
}
