using System.Text.Json;
using M3CoreCrm.Modules.Contacts.Domain;
using M3CoreCrm.Modules.Contacts.Features.Shared;

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

/// <summary>The body of POST /contacts/{id}/merge: the contact to merge into the one in the path.</summary>
internal sealed record MergeContactsRequest(Guid OtherId);

/// <summary>
/// One record of a batch: without id, data is a new contact (the body of create); with an id, data is a JSON merge
/// patch of that contact.
/// </summary>
internal sealed record ContactBatchItem(Guid? Id, JsonElement Data);

internal sealed record ContactBatchRequest(IReadOnlyList<ContactBatchItem> Items);
