using FluentValidation;
using M3CoreCrm.Modules.Contacts.Data;
using M3CoreCrm.Modules.Contacts.Domain;
using M3CoreCrm.Modules.Contacts.Validation;

namespace M3CoreCrm.Modules.Contacts.Features.Contacts;

/// <summary>An email of a contact. When no email is marked primary, the first one is.</summary>
internal sealed record ContactEmailInput(string Address, EmailLabel? Label, bool? IsPrimary);

/// <summary>A phone of a contact, in international format (+971 50 123 4567); stored in E.164.</summary>
internal sealed record ContactPhoneInput(string Number, PhoneLabel? Label, bool? IsPrimary);

/// <summary>
/// A contact's editable fields: the body of create, the representation a merge patch applies to, and a batch item's
/// data. Lists replace as a whole; ownerId defaults to the creator on create.
/// </summary>
internal sealed record ContactInput(
    string FirstName,
    string? LastName,
    IReadOnlyList<ContactEmailInput>? Emails,
    IReadOnlyList<ContactPhoneInput>? Phones,
    Guid? CompanyId,
    ContactAddress? Address,
    Guid? SourceLeadId,
    Guid? OwnerId,
    IReadOnlyList<string>? Tags)
{
    /// <summary>The normalized domain state (call after validation); <paramref name="ownerId"/> is the final owner.</summary>
    public ContactDetails ToDetails(Guid? ownerId)
    {
        var emails = (Emails ?? []).Select(e => new EmailValue(
            e.Address.Trim(), ContactPointRules.NormalizeEmail(e.Address), e.Label ?? EmailLabel.Work, e.IsPrimary == true)).ToList();
        var phones = (Phones ?? []).Select(p => ContactPointRules.TryParsePhone(p.Number, out var e164, out var national)
            ? new PhoneValue(e164, national, p.Label ?? PhoneLabel.Mobile, p.IsPrimary == true)
            : throw new InvalidOperationException("ToDetails runs on validated input only.")).ToList();
        return new ContactDetails(
            FirstName.Trim(),
            ContactPointRules.Clean(LastName),
            FirstPrimary(emails, e => e.IsPrimary, e => e with { IsPrimary = true }),
            FirstPrimary(phones, p => p.IsPrimary, p => p with { IsPrimary = true }),
            CompanyId,
            Address?.ToDomain() ?? PostalAddress.Empty,
            SourceLeadId,
            ownerId,
            (Tags ?? []).Select(ContactPointRules.NormalizeTag).Distinct(StringComparer.Ordinal).ToList());
    }

    public static ContactInput From(ContactDetails details) => new(
        details.FirstName,
        details.LastName,
        details.Emails.Select(e => new ContactEmailInput(e.Address, e.Label, e.IsPrimary)).ToList(),
        details.Phones.Select(p => new ContactPhoneInput(p.Number, p.Label, p.IsPrimary)).ToList(),
        details.CompanyId,
        ContactAddress.From(details.Address),
        details.SourceLeadId,
        details.OwnerId,
        details.Tags);

    private static List<T> FirstPrimary<T>(List<T> items, Func<T, bool> isPrimary, Func<T, T> makePrimary)
    {
        if (items.Count > 0 && !items.Any(isPrimary))
        {
            items[0] = makePrimary(items[0]);
        }

        return items;
    }
}

internal sealed class ContactInputValidator : AbstractValidator<ContactInput>
{
    public ContactInputValidator()
    {
        RuleFor(c => c.FirstName).NotEmpty().MaximumLength(Limits.Name)
            .Must(ContactAddressValidator.NoControl).WithMessage(ContactAddressValidator.TextMessage);
        RuleFor(c => c.LastName).MaximumLength(Limits.Name)
            .Must(ContactAddressValidator.NoControl).WithMessage(ContactAddressValidator.TextMessage);

        RuleFor(c => c.Emails!.Count).LessThanOrEqualTo(Limits.Emails).OverridePropertyName("emails")
            .WithMessage($"A contact has at most {Limits.Emails} emails.").When(c => c.Emails is not null);
        RuleForEach(c => c.Emails).NotNull().ChildRules(email =>
        {
            email.RuleFor(e => e.Address).Must(ContactPointRules.IsValidEmail)
                .WithMessage("address must be a valid email address such as name@example.com.");
        });
        RuleFor(c => c.Emails).Must(OnePrimaryAtMost).WithMessage("At most one email is primary.")
            .Must(e => Distinct(e, x => ContactPointRules.IsValidEmail(x.Address) ? ContactPointRules.NormalizeEmail(x.Address) : null))
            .WithMessage("The same email appears twice.")
            .When(c => c.Emails is not null && c.Emails.All(e => e is not null));

        RuleFor(c => c.Phones!.Count).LessThanOrEqualTo(Limits.Phones).OverridePropertyName("phones")
            .WithMessage($"A contact has at most {Limits.Phones} phones.").When(c => c.Phones is not null);
        RuleForEach(c => c.Phones).NotNull().ChildRules(phone =>
        {
            phone.RuleFor(p => p.Number).Must(n => ContactPointRules.TryParsePhone(n, out _, out _))
                .WithMessage("number must be a valid phone number in international format, such as +971 50 123 4567.");
        });
        RuleFor(c => c.Phones).Must(OnePrimaryAtMost).WithMessage("At most one phone is primary.")
            .Must(p => Distinct(p, x => ContactPointRules.TryParsePhone(x.Number, out var e164, out _) ? e164 : null))
            .WithMessage("The same phone number appears twice.")
            .When(c => c.Phones is not null && c.Phones.All(p => p is not null));

        RuleFor(c => c.Address!).SetValidator(new ContactAddressValidator()).When(c => c.Address is not null);
        RuleFor(c => c.CompanyId).NotEqual(Guid.Empty);
        RuleFor(c => c.SourceLeadId).NotEqual(Guid.Empty);
        RuleFor(c => c.OwnerId).NotEqual(Guid.Empty);

        RuleFor(c => c.Tags!.Count).LessThanOrEqualTo(Limits.Tags).OverridePropertyName("tags")
            .WithMessage($"At most {Limits.Tags} tags.").When(c => c.Tags is not null);
        RuleForEach(c => c.Tags).Must(ContactPointRules.IsValidTag)
            .WithMessage($"A tag is 1 to {Limits.Tag} characters, without commas or control characters.");
    }

    private static bool OnePrimaryAtMost(IReadOnlyList<ContactEmailInput>? emails) => emails is null || emails.Count(e => e.IsPrimary == true) <= 1;

    private static bool OnePrimaryAtMost(IReadOnlyList<ContactPhoneInput>? phones) => phones is null || phones.Count(p => p.IsPrimary == true) <= 1;

    private static bool Distinct<T>(IReadOnlyList<T>? items, Func<T, string?> key)
    {
        var keys = (items ?? []).Select(key).OfType<string>().ToList();
        return keys.Distinct(StringComparer.Ordinal).Count() == keys.Count;
    }
}

internal sealed record ContactEmailResponse(string Address, EmailLabel Label, bool IsPrimary);

internal sealed record ContactPhoneResponse(string Number, PhoneLabel Label, bool IsPrimary);

/// <summary>A contact as the API shows it.</summary>
internal sealed record ContactResponse(
    Guid Id,
    string FirstName,
    string? LastName,
    IReadOnlyList<ContactEmailResponse> Emails,
    IReadOnlyList<ContactPhoneResponse> Phones,
    Guid? CompanyId,
    ContactAddress? Address,
    Guid? SourceLeadId,
    Guid? OwnerId,
    IReadOnlyList<string> Tags,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    public static ContactResponse From(Contact contact) => new(
        contact.Id,
        contact.FirstName,
        contact.LastName,
        contact.Emails.OrderBy(e => e.Position).Select(e => new ContactEmailResponse(e.Address, e.Label, e.IsPrimary)).ToList(),
        contact.Phones.OrderBy(p => p.Position).Select(p => new ContactPhoneResponse(p.Number, p.Label, p.IsPrimary)).ToList(),
        contact.CompanyId,
        ContactAddress.From(contact.Address),
        contact.SourceLeadId,
        contact.OwnerId,
        contact.Tags,
        contact.CreatedAt,
        contact.UpdatedAt);
}
