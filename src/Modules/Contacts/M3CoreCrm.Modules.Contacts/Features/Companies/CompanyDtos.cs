using FluentValidation;
using M3CoreCrm.Modules.Contacts.Data;
using M3CoreCrm.Modules.Contacts.Domain;
using M3CoreCrm.Modules.Contacts.Validation;

namespace M3CoreCrm.Modules.Contacts.Features.Companies;

/// <summary>
/// A company's editable fields: the body of create, the representation a merge patch applies to, and a batch item's
/// data. domain is a bare host name (emaar.com); phone is international and stored in E.164.
/// </summary>
internal sealed record CompanyInput(
    string Name,
    string? Domain,
    string? Industry,
    string? Phone,
    ContactAddress? Address,
    Guid? OwnerId,
    IReadOnlyList<string>? Tags)
{
    public CompanyDetails ToDetails(Guid? ownerId)
    {
        PhoneValue? phone = null;
        if (ContactPointRules.Clean(Phone) is { } number && ContactPointRules.TryParsePhone(number, out var e164, out var national))
        {
            phone = new PhoneValue(e164, national, PhoneLabel.Work, true);
        }

        return new CompanyDetails(
            Name.Trim(),
            ContactPointRules.Clean(Domain)?.ToLowerInvariant(),
            ContactPointRules.Clean(Industry),
            phone,
            Address?.ToDomain() ?? PostalAddress.Empty,
            ownerId,
            (Tags ?? []).Select(ContactPointRules.NormalizeTag).Distinct(StringComparer.Ordinal).ToList());
    }

    public static CompanyInput From(CompanyDetails details) => new(
        details.Name,
        details.Domain,
        details.Industry,
        details.Phone?.Number,
        ContactAddress.From(details.Address),
        details.OwnerId,
        details.Tags);
}

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

/// <summary>A company as the API shows it.</summary>
internal sealed record CompanyResponse(
    Guid Id,
    string Name,
    string? Domain,
    string? Industry,
    string? Phone,
    ContactAddress? Address,
    Guid? OwnerId,
    IReadOnlyList<string> Tags,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    public static CompanyResponse From(Company company) => new(
        company.Id,
        company.Name,
        company.Domain,
        company.Industry,
        company.Phone,
        ContactAddress.From(company.Address),
        company.OwnerId,
        company.Tags,
        company.CreatedAt,
        company.UpdatedAt);
}
