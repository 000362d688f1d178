using FluentValidation;
using M3CoreCrm.BuildingBlocks.Money;
using M3CoreCrm.Modules.Identity.Contracts;

namespace M3CoreCrm.Modules.Tenancy.Features.Tenants;

internal sealed class CreateTenantValidator : AbstractValidator<CreateTenantRequest>
{
    public CreateTenantValidator(IPasswordPolicy passwords)
    {
        RuleFor(r => r.Slug).NotEmpty().Length(3, 63).Matches("^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$")
            .WithMessage("slug is 3-63 lowercase letters, digits and inner hyphens.");
        RuleFor(r => r.Name).NotEmpty().MaximumLength(200);
        RuleFor(r => r.DefaultCurrency).Must(Currencies.IsValid).When(r => r.DefaultCurrency is not null)
            .WithMessage("defaultCurrency must be an ISO 4217 code such as AED or USD.");
        RuleFor(r => r.TimeZone).Must(tz => TimeZoneInfo.TryFindSystemTimeZoneById(tz!, out _)).When(r => r.TimeZone is not null)
            .WithMessage("timeZone must be an IANA time zone such as Asia/Dubai.");
        RuleFor(r => r.Limits!.RequestsPerMinute).InclusiveBetween(1, 1_000_000).When(r => r.Limits?.RequestsPerMinute is not null);
        RuleFor(r => r.Limits!.MaxUsers).InclusiveBetween(1, 100_000).When(r => r.Limits?.MaxUsers is not null);
        RuleFor(r => r.OwnerEmail).NotEmpty().MaximumLength(254).EmailAddress();
        RuleFor(r => r.OwnerPassword).NotEmpty().MaximumLength(128)
            .Must((r, password) => passwords.Check(password, r.OwnerEmail) is null)
            .WithMessage((r, password) => passwords.Check(password, r.OwnerEmail));
        RuleFor(r => r.OwnerDisplayName).MaximumLength(200);
    }
}
