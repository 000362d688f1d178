using FluentValidation;
using M3CoreCrm.Modules.Identity.Infrastructure.ApiKeys;

namespace M3CoreCrm.Modules.Identity.Features.ApiKeys;

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
