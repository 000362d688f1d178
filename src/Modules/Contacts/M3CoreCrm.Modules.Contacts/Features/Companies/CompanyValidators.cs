using FluentValidation;
using M3CoreCrm.BuildingBlocks.Http;
using M3CoreCrm.Modules.Contacts.Data;
using M3CoreCrm.Modules.Contacts.Domain;
using M3CoreCrm.Modules.Contacts.Features.Shared;

namespace M3CoreCrm.Modules.Contacts.Features.Companies;

internal sealed class CompanyInputValidator : AbstractValidator<CompanyInput>
{
    public CompanyInputValidator()
    {
        RuleFor(c => c.Name).NotEmpty().MaximumLength(Limits.CompanyName)
            .Must(ContactAddressValidator.NoControl).WithMessage(ContactAddressValidator.TextMessage);
        RuleFor(c => c.Domain).Must(d => ContactPointRules.IsValidDomain(d!.Trim())).When(c => !string.IsNullOrWhiteSpace(c.Domain))
            .WithMessage("domain must be a bare domain name such as example.com (no scheme or path).");
        RuleFor(c => c.Industry).MaximumLength(Limits.Industry)
            .Must(ContactAddressValidator.NoControl).WithMessage(ContactAddressValidator.TextMessage);
        RuleFor(c => c.Phone).Must(p => ContactPointRules.TryParsePhone(p, out _, out _)).When(c => !string.IsNullOrWhiteSpace(c.Phone))
            .WithMessage("phone must be a valid phone number in international format, such as +971 4 123 4567.");
        RuleFor(c => c.Address!).SetValidator(new ContactAddressValidator()).When(c => c.Address is not null);
        RuleFor(c => c.OwnerId).NotEqual(Guid.Empty);
        RuleFor(c => c.Tags!.Count).LessThanOrEqualTo(Limits.Tags).OverridePropertyName("tags")
            .WithMessage($"At most {Limits.Tags} tags.").When(c => c.Tags is not null);
        RuleForEach(c => c.Tags).Must(ContactPointRules.IsValidTag)
            .WithMessage($"A tag is 1 to {Limits.Tag} characters, without commas or control characters.");
    }
}

internal sealed class CompanyBatchValidator : AbstractValidator<CompanyBatchRequest>
{
    public CompanyBatchValidator()
    {
        RuleFor(r => r.Items).Must(i => i is { Count: > 0 and <= Batch.MaxItems })
            .WithMessage($"A batch holds 1 to {Batch.MaxItems} items.");
        RuleForEach(r => r.Items).NotNull();
    }
}
