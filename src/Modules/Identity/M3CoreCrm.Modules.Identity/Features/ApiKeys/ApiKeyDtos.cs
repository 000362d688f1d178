using FluentValidation;
using M3CoreCrm.Modules.Identity.ApiKeys;
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

internal sealed class CreateApiKeyValidator : AbstractValidator<CreateApiKeyRequest>
{
    internal const int NameMaxLength = 100;

    public CreateApiKeyValidator(TimeProvider clock, ApiKeySettings settings)
    {
        RuleFor(r => r.Name).NotEmpty().MaximumLength(NameMaxLength);
        RuleFor(r => r.RoleId).NotEmpty();
        RuleFor(r => r.ExpiresAt).Cascade(CascadeMode.Stop)
            .NotNull().WithMessage($"expiresAt is required: every key expires, at most {settings.MaxLifetime.TotalDays:0} days from now.")
            .Must(at => at > clock.GetUtcNow()).WithMessage("expiresAt must be in the future.")
            .Must(at => at <= clock.GetUtcNow() + settings.MaxLifetime)
            .WithMessage($"expiresAt is at most {settings.MaxLifetime.TotalDays:0} days from now.");
    }
}
