using System.Text.Json;
using FluentValidation;
using M3CoreCrm.BuildingBlocks.Authorization;
using M3CoreCrm.BuildingBlocks.Data;
using M3CoreCrm.BuildingBlocks.Http;
using M3CoreCrm.BuildingBlocks.Paging;
using M3CoreCrm.BuildingBlocks.Tenancy;
using M3CoreCrm.BuildingBlocks.Validation;
using M3CoreCrm.Modules.Identity.Infrastructure.Authorization;
using M3CoreCrm.Modules.Identity.Data;
using M3CoreCrm.Modules.Identity.Domain;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace M3CoreCrm.Modules.Identity.Features.Roles;

/// <summary>/api/v1/roles: system roles (read-only) and custom roles with scoped grants; /api/v1/permissions.</summary>
internal static class RoleEndpoints
{
    private static readonly SortCatalog<Role> Sorts = new(
        SortField<Role>.For("id", r => r.Id),
        "name",
        SortField<Role>.For("name", r => r.Name),
        SortField<Role>.For("createdAt", r => r.CreatedAt));

    internal static void Map(IEndpointRouteBuilder api)
    {
        api.MapGet("/permissions", ListPermissions)
            .WithTags("Roles")
            .WithName("ListPermissions")
            .WithSummary("The permission catalogue: every permission a role can grant, and the scopes it allows.")
            .RequirePermission(IdentityPermissions.RolesRead);

        var roles = api.MapGroup("/roles").WithTags("Roles");
        roles.MapGet("/", ListAsync)
            .WithName("ListRoles")
            .WithSummary("List roles (system and custom) with their grants; filter by q (name) and isSystem.")
            .RequirePermission(IdentityPermissions.RolesRead)
            .ProducesProblem(StatusCodes.Status400BadRequest);
        roles.MapGet("/{id:guid}", GetAsync)
            .WithName("GetRole")
            .WithSummary("Read a role and its grants; the ETag is its version.")
            .RequirePermission(IdentityPermissions.RolesRead)
            .ProducesRecordProblems()
            .ReturnsETag();
        roles.MapPost("/", CreateAsync)
            .WithName("CreateRole")
            .WithSummary("Create a custom role with grants [{permission, scope}]; you can grant only what you hold.")
            .RequirePermission(IdentityPermissions.RolesManage)
            .Validate<CreateRoleRequest>()
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ReturnsETag();
        roles.MapPatch("/{id:guid}", UpdateAsync)
            .WithName("UpdateRole")
            .WithSummary("Rename or describe a custom role (JSON merge patch; If-Match honoured). System roles: 409.")
            .RequirePermission(IdentityPermissions.RolesManage)
            .Accepts<RoleEdit>(MergePatch.MediaType)
            .ProducesPatchProblems(withConflict: true)
            .ReturnsETag();
        roles.MapPut("/{id:guid}/grants", ReplaceGrantsAsync)
            .WithName("ReplaceRoleGrants")
            .WithSummary("Replace a custom role's grants (If-Match honoured). System roles: 409.")
            .RequirePermission(IdentityPermissions.RolesManage)
            .Validate<ReplaceRoleGrantsRequest>()
            .ProducesWriteProblems(withConflict: true)
            .ReturnsETag();
        roles.MapDelete("/{id:guid}", DeleteAsync)
            .WithName("DeleteRole")
            .WithSummary("Delete a custom role that no user or API key holds (If-Match honoured).")
            .RequirePermission(IdentityPermissions.RolesManage)
            .ProducesWriteProblems(withConflict: true);
    }

    private static Ok<Page<PermissionResponse>> ListPermissions(PermissionCatalog catalog)
    {
        var items = catalog.All.OrderBy(p => p.Name, StringComparer.Ordinal)
            .Select(p => new PermissionResponse(p.Name, p.Description, p.Kind, AllowedScopes(p.Kind)))
            .ToList();
        return TypedResults.Ok(new Page<PermissionResponse>(items, null, items.Count));
    }

    internal static IReadOnlyList<PermissionScope> AllowedScopes(PermissionKind kind) =>
        kind == PermissionKind.Admin ? [PermissionScope.All] : [PermissionScope.Own, PermissionScope.Group, PermissionScope.All];

    private static async Task<Ok<Page<RoleResponse>>> ListAsync(
        [AsParameters] RoleListQuery filter, [AsParameters] PageQuery page, IdentityDbContext db, PermissionCatalog catalog, CursorCodec cursors, TimeProvider clock, CancellationToken ct)
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
        var responses = await ToResponsesAsync(db, catalog, clock, result.Items, ct);
        return TypedResults.Ok(new Page<RoleResponse>(responses, result.NextCursor, result.Total));
    }

    private static async Task<Ok<RoleResponse>> GetAsync(Guid id, IdentityDbContext db, PermissionCatalog catalog, TimeProvider clock, HttpResponse response, CancellationToken ct)
    {
        var role = await db.Roles.AsNoTracking().Include(r => r.Grants).FindOrNotFoundAsync(id, "role", ct);
        ETags.Write(response, role.Version);
        return TypedResults.Ok((await ToResponsesAsync(db, catalog, clock, [role], ct))[0]);
    }

    private static async Task<Created<RoleResponse>> CreateAsync(
        CreateRoleRequest request, IdentityDbContext db, PermissionCatalog catalog, PrivilegeGuard guard, PermissionCache cache,
        ITenantContext tenant, TimeProvider clock, HttpResponse response, CancellationToken ct)
    {
        await EnsureNameFreeAsync(db, request.Name, null, ct);
        var grants = RoleRules.ToGrants(request.Grants);
        await guard.EnsureCanGrantAsync(grants, ct);

        var now = clock.GetUtcNow();
        var role = Role.Create(request.Name, Normalize(request.Description), isSystem: false, now);
        foreach (var (permission, scope) in grants)
        {
            role.Grants.Add(RoleGrant.For(role.Id, permission, scope));
        }

        db.Roles.Add(role);
        await db.SaveChangesAsync(ct);
        await cache.InvalidateAsync(tenant.RequiredTenantId);
        ETags.Write(response, role.Version);
        return TypedResults.Created($"/api/v1/roles/{role.Id}", (await ToResponsesAsync(db, catalog, clock, [role], ct))[0]);
    }

    private static async Task<Ok<RoleResponse>> UpdateAsync(
        Guid id, [FromBody] JsonElement patch, IValidator<RoleEdit> validator, IdentityDbContext db, PermissionCatalog catalog,
        PermissionCache cache, ITenantContext tenant, TimeProvider clock, HttpContext http, CancellationToken ct)
    {
        var role = await db.Roles.Include(r => r.Grants).FindOrNotFoundAsync(id, "role", ct);
        ETags.EnsureMatches(http.Request, role.Version);
        role.EnsureCustom();
        var edit = MergePatch.Apply(new RoleEdit(role.Name, role.Description), patch);
        await validator.EnsureValidAsync(edit, ct);
        var now = clock.GetUtcNow();
        if (edit.Name.Trim() != role.Name)
        {
            await EnsureNameFreeAsync(db, edit.Name, role.Id, ct);
            role.Rename(edit.Name, now);
        }

        if (Normalize(edit.Description) != role.Description)
        {
            role.Describe(Normalize(edit.Description), now);
        }

        await db.SaveChangesAsync(ct);
        await cache.InvalidateAsync(tenant.RequiredTenantId);
        ETags.Write(http.Response, role.Version);
        return TypedResults.Ok((await ToResponsesAsync(db, catalog, clock, [role], ct))[0]);
    }

    private static async Task<Ok<RoleResponse>> ReplaceGrantsAsync(
        Guid id, ReplaceRoleGrantsRequest request, IdentityDbContext db, PermissionCatalog catalog, PrivilegeGuard guard,
        PermissionCache cache, ITenantContext tenant, TimeProvider clock, HttpContext http, CancellationToken ct)
    {
        var role = await db.Roles.Include(r => r.Grants).FindOrNotFoundAsync(id, "role", ct);
        ETags.EnsureMatches(http.Request, role.Version);
        role.EnsureCustom();

        // Only what the change adds or widens needs the caller to hold it; narrowing or removing never escalates.
        var grants = RoleRules.ToGrants(request.Grants);
        var current = role.Grants.ToDictionary(g => g.Permission, g => g.Scope, StringComparer.Ordinal);
        await guard.EnsureCanGrantAsync(grants.Where(g => !current.TryGetValue(g.Key, out var scope) || g.Value > scope), ct);

        role.ReplaceGrants(grants, clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        await cache.InvalidateAsync(tenant.RequiredTenantId);
        ETags.Write(http.Response, role.Version);
        return TypedResults.Ok((await ToResponsesAsync(db, catalog, clock, [role], ct))[0]);
    }

    private static async Task<NoContent> DeleteAsync(
        Guid id, IdentityDbContext db, PermissionCache cache, ITenantContext tenant, TimeProvider clock, HttpRequest request, CancellationToken ct)
    {
        var role = await db.Roles.Include(r => r.Grants).FindOrNotFoundAsync(id, "role", ct);
        ETags.EnsureMatches(request, role.Version);
        role.EnsureCustom();
        var users = await db.UserRoles.CountAsync(ur => ur.RoleId == id, ct);
        var now = clock.GetUtcNow();
        var keys = await db.ApiKeys.CountAsync(k => k.RoleId == id && k.RevokedAt == null && (k.ExpiresAt == null || k.ExpiresAt > now), ct);
        if (users + keys > 0)
        {
            throw InUse(role.Name, users, keys);
        }

        db.Roles.Remove(role);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.ForeignKeyViolation })
        {
            // Assigned by someone else between the check and the delete.
            throw InUse(role.Name, null, null);
        }

        await cache.InvalidateAsync(tenant.RequiredTenantId);
        return TypedResults.NoContent();
    }

    private static async Task EnsureNameFreeAsync(IdentityDbContext db, string name, Guid? except, CancellationToken ct)
    {
        var same = LikePattern.Literal(name.Trim());
        if (await db.Roles.AnyAsync(r => EF.Functions.ILike(r.Name, same, LikePattern.Escape) && r.Id != except, ct))
        {
            throw Problems.Conflict("role.duplicate_name", $"A role named '{name.Trim()}' exists.");
        }
    }

    private static async Task<List<RoleResponse>> ToResponsesAsync(IdentityDbContext db, PermissionCatalog catalog, TimeProvider clock, IReadOnlyList<Role> roles, CancellationToken ct)
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
            GrantsOf(r, catalog),
            users.GetValueOrDefault(r.Id),
            keys.GetValueOrDefault(r.Id),
            r.CreatedAt,
            r.UpdatedAt)).ToList();
    }

    private static List<RoleGrantResponse> GrantsOf(Role role, PermissionCatalog catalog) =>
        (role.IsSystem ? SystemRoles.GrantsOf(role.Name, catalog) : role.Grants.Select(g => (g.Permission, g.Scope)))
            .OrderBy(g => g.Item1, StringComparer.Ordinal)
            .Select(g => new RoleGrantResponse(g.Item1, g.Item2))
            .ToList();

    private static string? Normalize(string? description) => string.IsNullOrWhiteSpace(description) ? null : description.Trim();

    private static ApiProblemException InUse(string name, int? users, int? keys) => Problems.Conflict(
        "role.in_use",
        $"The role '{name}' is still held by users or live API keys; give them another role (or revoke the keys) first.",
        new Dictionary<string, object?> { ["userCount"] = users, ["apiKeyCount"] = keys });
}
