using M3CoreCrm.BuildingBlocks.Authorization;
using M3CoreCrm.BuildingBlocks.Http;
using M3CoreCrm.BuildingBlocks.Idempotency;
using M3CoreCrm.BuildingBlocks.Paging;
using M3CoreCrm.BuildingBlocks.Security;
using M3CoreCrm.BuildingBlocks.Tenancy;
using M3CoreCrm.BuildingBlocks.Validation;
using M3CoreCrm.Modules.Identity.Infrastructure.ApiKeys;
using M3CoreCrm.Modules.Identity.Infrastructure.Authorization;
using M3CoreCrm.Modules.Identity.Data;
using M3CoreCrm.Modules.Identity.Domain;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace M3CoreCrm.Modules.Identity.Features.ApiKeys;

/// <summary>/api/v1/api-keys: keys for integrations, each acting with one role's permissions.</summary>
internal static class ApiKeyEndpoints
{
    private static readonly SortCatalog<ApiKey> Sorts = new(
        SortField<ApiKey>.For("id", k => k.Id),
        "-createdAt",
        SortField<ApiKey>.For("createdAt", k => k.CreatedAt),
        SortField<ApiKey>.For("name", k => k.Name));

    internal static void Map(IEndpointRouteBuilder api)
    {
        var keys = api.MapGroup("/api-keys").WithTags("API keys");
        keys.MapGet("/", ListAsync)
            .WithName("ListApiKeys")
            .WithSummary("List API keys (never their secrets), newest first; filter by status (active, expired, revoked).")
            .RequirePermission(IdentityPermissions.ApiKeysManage)
            .ProducesProblem(StatusCodes.Status400BadRequest);
        keys.MapGet("/{id:guid}", GetAsync)
            .WithName("GetApiKey")
            .WithSummary("Read an API key (never its secret).")
            .RequirePermission(IdentityPermissions.ApiKeysManage)
            .ProducesProblem(StatusCodes.Status404NotFound);
        keys.MapPost("/", CreateAsync)
            .WithName("CreateApiKey")
            .WithSummary("Create an API key acting with a role's permissions; the secret is in this response only (an Idempotency-Key replay answers 409).")
            .RequirePermission(IdentityPermissions.ApiKeysManage)
            .CarriesSecret()
            .Validate<CreateApiKeyRequest>();
        keys.MapPost("/{id:guid}/revoke", RevokeAsync)
            .WithName("RevokeApiKey")
            .WithSummary("Revoke an API key: requests with it get 401 from now on (the key stays listed as revoked). A key holding permissions you lack: 403.")
            .RequirePermission(IdentityPermissions.ApiKeysManage)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
        keys.MapDelete("/{id:guid}", DeleteAsync)
            .WithName("DeleteApiKey")
            .WithSummary("Revoke an API key (same as POST /{id}/revoke; the record stays for the audit trail).")
            .RequirePermission(IdentityPermissions.ApiKeysManage)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<Ok<Page<ApiKeyResponse>>> ListAsync(
        [AsParameters] ApiKeyListQuery filter, [AsParameters] PageQuery page, IdentityDbContext db, CursorCodec cursors, TimeProvider clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var query = db.ApiKeys.AsNoTracking();
        query = filter.Status?.ToLowerInvariant() switch
        {
            null or "" => query,
            "active" => query.Where(k => k.RevokedAt == null && (k.ExpiresAt == null || k.ExpiresAt > now)),
            "expired" => query.Where(k => k.RevokedAt == null && k.ExpiresAt <= now),
            "revoked" => query.Where(k => k.RevokedAt != null),
            _ => throw Problems.BadRequest("apikey.invalid_status", "status must be 'active', 'expired' or 'revoked'."),
        };
        var result = await Keyset.PageAsync(query, Sorts.Parse(page.Sort), page, cursors, k => k, ct);
        return TypedResults.Ok(new Page<ApiKeyResponse>(await ToResponsesAsync(db, result.Items, now, ct), result.NextCursor, result.Total));
    }

    private static async Task<Ok<ApiKeyResponse>> GetAsync(Guid id, IdentityDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var key = await db.ApiKeys.AsNoTracking().FirstOrDefaultAsync(k => k.Id == id, ct) ?? throw NotFound(id);
        return TypedResults.Ok((await ToResponsesAsync(db, [key], clock.GetUtcNow(), ct))[0]);
    }

    private static async Task<Created<CreatedApiKeyResponse>> CreateAsync(
        CreateApiKeyRequest request, IdentityDbContext db, PrivilegeGuard guard, PermissionCache cache, ITenantContext tenant,
        ICurrentActor actor, TimeProvider clock, CancellationToken ct)
    {
        if (actor.UserId is null)
        {
            throw Problems.Forbidden("apikey.user_required", "API keys are created by users (a key acts within its creator's permissions), not by other keys.");
        }

        if (!await db.Roles.AnyAsync(r => r.Id == request.RoleId, ct))
        {
            throw Problems.BadRequest("apikey.unknown_role", $"No role of this tenant has the id {request.RoleId}.");
        }

        await guard.EnsureCanAssignRolesAsync([request.RoleId], ct);
        var now = clock.GetUtcNow();
        var secret = ApiKeyCodec.Create(tenant.RequiredTenantId);
        var key = ApiKey.Create(Guid.CreateVersion7(), request.Name, request.RoleId, ApiKeyCodec.HashOf(secret), ApiKeyCodec.HintOf(secret),
            request.ExpiresAt?.ToUniversalTime(), actor.UserId, now);
        db.ApiKeys.Add(key);
        await db.SaveChangesAsync(ct);
        await cache.InvalidateAsync(tenant.RequiredTenantId);
        var response = (await ToResponsesAsync(db, [key], now, ct))[0];
        return TypedResults.Created($"/api/v1/api-keys/{key.Id}", new CreatedApiKeyResponse(response, secret));
    }

    private static async Task<Ok<ApiKeyResponse>> RevokeAsync(
        Guid id, IdentityDbContext db, ApiKeyValidator validator, PrivilegeGuard guard, PermissionCache cache, ITenantContext tenant, TimeProvider clock,
        CancellationToken ct)
    {
        var key = await RevokeKeyAsync(id, db, validator, guard, cache, tenant, clock, ct);
        return TypedResults.Ok((await ToResponsesAsync(db, [key], clock.GetUtcNow(), ct))[0]);
    }

    private static async Task<NoContent> DeleteAsync(
        Guid id, IdentityDbContext db, ApiKeyValidator validator, PrivilegeGuard guard, PermissionCache cache, ITenantContext tenant, TimeProvider clock,
        CancellationToken ct)
    {
        await RevokeKeyAsync(id, db, validator, guard, cache, tenant, clock, ct);
        return TypedResults.NoContent();
    }

    private static async Task<ApiKey> RevokeKeyAsync(
        Guid id, IdentityDbContext db, ApiKeyValidator validator, PrivilegeGuard guard, PermissionCache cache, ITenantContext tenant, TimeProvider clock,
        CancellationToken ct)
    {
        var key = await db.ApiKeys.FirstOrDefaultAsync(k => k.Id == id, ct) ?? throw NotFound(id);
        if (key.RevokedAt is null)
        {
            await guard.EnsureCanManageApiKeyAsync(id, ct);
        }

        if (key.Revoke(clock.GetUtcNow()))
        {
            await db.SaveChangesAsync(ct);
            await validator.ForgetAsync(tenant.RequiredTenantId, key.Id, key.SecretHash);
            await cache.InvalidateAsync(tenant.RequiredTenantId);
        }

        return key;
    }

    private static async Task<List<ApiKeyResponse>> ToResponsesAsync(IdentityDbContext db, IReadOnlyList<ApiKey> keys, DateTimeOffset now, CancellationToken ct)
    {
        var roleIds = keys.Select(k => k.RoleId).Distinct().ToList();
        var roles = await db.Roles.Where(r => roleIds.Contains(r.Id)).ToDictionaryAsync(r => r.Id, r => r.Name, ct);
        return keys.Select(k => new ApiKeyResponse(
            k.Id,
            k.Name,
            k.RoleId,
            roles.GetValueOrDefault(k.RoleId),
            k.Hint,
            k.StatusAt(now),
            k.CreatedAt,
            k.CreatedByUserId,
            k.ExpiresAt,
            k.RevokedAt,
            k.LastUsedAt)).ToList();
    }

    private static ApiProblemException NotFound(Guid id) => Problems.NotFound("apikey", id);
}
