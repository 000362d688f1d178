using System.Text.Json;
using FluentValidation;
using M3CoreCrm.BuildingBlocks.Data;
using M3CoreCrm.BuildingBlocks.Http;
using M3CoreCrm.BuildingBlocks.Tenancy;
using M3CoreCrm.BuildingBlocks.Validation;
using M3CoreCrm.Modules.Identity.Data;
using M3CoreCrm.Modules.Identity.Domain;
using M3CoreCrm.Modules.Identity.Infrastructure.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace M3CoreCrm.Modules.Identity.Features.Roles;

/// <summary>
/// Changing custom roles (system roles are read-only): a caller grants only what it holds, names are unique in the
/// tenant, and a role still held by users or live keys is not deleted (409). Every change drops the tenant's cached
/// permissions.
/// </summary>
internal sealed class RoleService(
    IdentityDbContext db,
    RoleQueries queries,
    PrivilegeGuard guard,
    PermissionCache cache,
    IValidator<RoleEdit> validator,
    ITenantContext tenant,
    TimeProvider clock)
{
    public async Task<(RoleResponse Response, uint Version)> CreateAsync(CreateRoleRequest request, CancellationToken ct)
    {
        await EnsureNameFreeAsync(request.Name, null, ct);
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
        return (await queries.ResponseAsync(role, ct), role.Version);
    }

    /// <summary>A JSON merge patch of the name and description, at the version If-Match names (412).</summary>
    public async Task<(RoleResponse Response, uint Version)> UpdateAsync(Guid id, JsonElement patch, HttpRequest request, CancellationToken ct)
    {
        var role = await LoadCustomAsync(id, request, ct);
        var edit = MergePatch.Apply(new RoleEdit(role.Name, role.Description), patch);
        await validator.EnsureValidAsync(edit, ct);
        var now = clock.GetUtcNow();
        if (edit.Name.Trim() != role.Name)
        {
            await EnsureNameFreeAsync(edit.Name, role.Id, ct);
            role.Rename(edit.Name, now);
        }

        if (Normalize(edit.Description) != role.Description)
        {
            role.Describe(Normalize(edit.Description), now);
        }

        await db.SaveChangesAsync(ct);
        await cache.InvalidateAsync(tenant.RequiredTenantId);
        return (await queries.ResponseAsync(role, ct), role.Version);
    }

    public async Task<(RoleResponse Response, uint Version)> ReplaceGrantsAsync(
        Guid id, ReplaceRoleGrantsRequest body, HttpRequest request, CancellationToken ct)
    {
        var role = await LoadCustomAsync(id, request, ct);

        // Only what the change adds or widens needs the caller to hold it; narrowing or removing never escalates.
        var grants = RoleRules.ToGrants(body.Grants);
        var current = role.Grants.ToDictionary(g => g.Permission, g => g.Scope, StringComparer.Ordinal);
        await guard.EnsureCanGrantAsync(grants.Where(g => !current.TryGetValue(g.Key, out var scope) || g.Value > scope), ct);

        role.ReplaceGrants(grants, clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        await cache.InvalidateAsync(tenant.RequiredTenantId);
        return (await queries.ResponseAsync(role, ct), role.Version);
    }

    public async Task DeleteAsync(Guid id, HttpRequest request, CancellationToken ct)
    {
        var role = await LoadCustomAsync(id, request, ct);
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
    }

    /// <summary>The role with its grants (404), at the version If-Match names (412), and custom (409 for a system role).</summary>
    private async Task<Role> LoadCustomAsync(Guid id, HttpRequest request, CancellationToken ct)
    {
        var role = await db.Roles.Include(r => r.Grants).FindOrNotFoundAsync(id, "role", ct);
        ETags.EnsureMatches(request, role.Version);
        role.EnsureCustom();
        return role;
    }

    private async Task EnsureNameFreeAsync(string name, Guid? except, CancellationToken ct)
    {
        var same = LikePattern.Literal(name.Trim());
        if (await db.Roles.AnyAsync(r => EF.Functions.ILike(r.Name, same, LikePattern.Escape) && r.Id != except, ct))
        {
            throw Problems.Conflict("role.duplicate_name", $"A role named '{name.Trim()}' exists.");
        }
    }

    private static string? Normalize(string? description) => string.IsNullOrWhiteSpace(description) ? null : description.Trim();

    private static ApiProblemException InUse(string name, int? users, int? keys) => Problems.Conflict(
        "role.in_use",
        $"The role '{name}' is still held by users or live API keys; give them another role (or revoke the keys) first.",
        new Dictionary<string, object?> { ["userCount"] = users, ["apiKeyCount"] = keys });
}
