using FluentValidation;
using M3CoreCrm.BuildingBlocks.Http;
using M3CoreCrm.Modules.Contacts.Data;
using M3CoreCrm.Modules.Contacts.Domain;
using M3CoreCrm.Modules.Contacts.Features.Shared;

namespace M3CoreCrm.Modules.Contacts.Features.Contacts;

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

internal sealed class ContactBatchValidator : AbstractValidator<ContactBatchRequest>
{
    public ContactBatchValidator()
    {
        RuleFor(r => r.Items).Must(i => i is { Count: > 0 and <= Batch.MaxItems })
            .WithMessage($"A batch holds 1 to {Batch.MaxItems} items.");
        RuleForEach(r => r.Items).NotNull();
    }
}

internal sealed class MergeContactsValidator : AbstractValidator<MergeContactsRequest>
{
    public MergeContactsValidator() => RuleFor(r => r.OtherId).NotEmpty();
}
