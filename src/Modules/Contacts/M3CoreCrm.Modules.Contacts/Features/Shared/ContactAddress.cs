using FluentValidation;
using M3CoreCrm.Modules.Contacts.Data;
using M3CoreCrm.Modules.Contacts.Domain;

namespace M3CoreCrm.Modules.Contacts.Features.Shared;

/// <summary>A postal address of a contact or company; country is an ISO 3166-1 alpha-2 code (e.g. AE).</summary>
internal sealed record ContactAddress(string? Line1, string? Line2, string? City, string? Region, string? PostalCode, string? Country)
{
    public PostalAddress ToDomain() => new(
        ContactPointRules.Clean(Line1),
        ContactPointRules.Clean(Line2),
        ContactPointRules.Clean(City),
        ContactPointRules.Clean(Region),
        ContactPointRules.Clean(PostalCode),
        ContactPointRules.Clean(Country)?.ToUpperInvariant());

    /// <summary>Null for an empty address (as responses and the patchable representation show it).</summary>
    public static ContactAddress? From(PostalAddress address) => address.IsEmpty
        ? null
        : new(address.Line1, address.Line2, address.City, address.Region, address.PostalCode, address.Country);
}

internal sealed class ContactAddressValidator : AbstractValidator<ContactAddress>
{
    public ContactAddressValidator()
    {
        RuleFor(a => a.Line1).MaximumLength(Limits.AddressLine).Must(NoControl).WithMessage(TextMessage);
        RuleFor(a => a.Line2).MaximumLength(Limits.AddressLine).Must(NoControl).WithMessage(TextMessage);
        RuleFor(a => a.City).MaximumLength(Limits.AddressPart).Must(NoControl).WithMessage(TextMessage);
        RuleFor(a => a.Region).MaximumLength(Limits.AddressPart).Must(NoControl).WithMessage(TextMessage);
        RuleFor(a => a.PostalCode).MaximumLength(Limits.PostalCode).Must(NoControl).WithMessage(TextMessage);
        RuleFor(a => a.Country)
            .Must(c => Countries.IsValid(c!.Trim().ToUpperInvariant()))
            .When(a => !string.IsNullOrWhiteSpace(a.Country))
            .WithMessage("country must be an ISO 3166-1 alpha-2 code such as AE or GB.");
    }

    internal const string TextMessage = "'{PropertyName}' must not contain control characters.";

    internal static bool NoControl(string? text) => !ContactPointRules.HasControlCharacters(text);
}
