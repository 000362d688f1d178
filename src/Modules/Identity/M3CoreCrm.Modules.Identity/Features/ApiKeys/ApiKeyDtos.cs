using M3CoreCrm.Modules.Identity.Domain;

namespace M3CoreCrm.Modules.Identity.Features.ApiKeys;

/// <summary>An API key as listed: never its secret, only a hint of it.</summary>
internal sealed record ApiKeyResponse(
    Guid Id,
    string Name,
    Guid RoleId,
    string? RoleName,
    string Hint,
    ApiKeyStatus Status,
    DateTimeOffset CreatedAt,
    Guid? CreatedByUserId,
    DateTimeOffset? ExpiresAt,
    DateTimeOffset? RevokedAt,
    DateTimeOffset? LastUsedAt);

/// <summary>
/// The new key and its secret, shown this once: send it as <c>Authorization: Bearer {secret}</c> or
/// <c>X-Api-Key: {secret}</c>.
/// </summary>
internal sealed record CreatedApiKeyResponse(ApiKeyResponse ApiKey, string Secret);

/// <summary>
/// A key acting with the role's permissions, never beyond its creator's current ones, until <c>expiresAt</c>
/// (required; at most ApiKeys:MaxLifetime, one year by default, from now).
/// </summary>
internal sealed record CreateApiKeyRequest(string Name, Guid RoleId, DateTimeOffset? ExpiresAt);

/// <summary>Filter of the key list: status (active, expired, revoked).</summary>
internal sealed record ApiKeyListQuery(string? Status);
