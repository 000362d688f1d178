using M3CoreCrm.BuildingBlocks.Http;
using M3CoreCrm.BuildingBlocks.Paging;
using M3CoreCrm.BuildingBlocks.Security;
using M3CoreCrm.BuildingBlocks.Tenancy;
using M3CoreCrm.Modules.Identity.Data;
using M3CoreCrm.Modules.Identity.Domain;
using M3CoreCrm.Modules.Identity.Infrastructure.ApiKeys;
using M3CoreCrm.Modules.Identity.Infrastructure.Authorization;
using Microsoft.EntityFrameworkCore;

namespace M3CoreCrm.Modules.Identity.Features.ApiKeys;

/// <summary>
/// API keys for integrations: listing and reading them (never their secrets), creating one (by a user, for a role the
/// user may hand out) and revoking one (a key holding permissions the caller lacks: 403).
/// </summary>
internal sealed class ApiKeyService(
    IdentityDbContext db,
    ApiKeyValidator validator,
    PrivilegeGuard guard,
    PermissionCache cache,
    ITenantContext tenant,
    ICurrentActor actor,
    CursorCodec cursors,
    TimeProvider clock)
{
    private static readonly SortCatalog<ApiKey> Sorts = new(
        SortField<ApiKey>.For("id", k => k.Id),
        "-createdAt",
        SortField<ApiKey>.For("createdAt", k => k.CreatedAt),
        SortField<ApiKey>.For("name", k => k.Name));

    public async Task<Page<ApiKeyResponse>> ListAsync(ApiKeyListQuery filter, PageQuery page, CancellationToken ct)
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
        return new Page<ApiKeyResponse>(await ToResponsesAsync(result.Items, now, ct), result.NextCursor, result.Total);
    }

    public async Task<ApiKeyResponse> GetAsync(Guid id, CancellationToken ct)
    {
        var key = await db.ApiKeys.AsNoTracking().FirstOrDefaultAsync(k => k.Id == id, ct) ?? throw NotFound(id);
        return (await ToResponsesAsync([key], clock.GetUtcNow(), ct))[0];
    }

    public async Task<CreatedApiKeyResponse> CreateAsync(CreateApiKeyRequest request, CancellationToken ct)
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
        var response = (await ToResponsesAsync([key], now, ct))[0];
        return new CreatedApiKeyResponse(response, secret);
    }

    /// <summary>Revokes the key (already revoked: unchanged) and answers it as it is now.</summary>
    public async Task<ApiKeyResponse> RevokeAsync(Guid id, CancellationToken ct)
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

        return (await ToResponsesAsync([key], clock.GetUtcNow(), ct))[0];
    }

    private async Task<List<ApiKeyResponse>> ToResponsesAsync(IReadOnlyList<ApiKey> keys, DateTimeOffset now, CancellationToken ct)
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
