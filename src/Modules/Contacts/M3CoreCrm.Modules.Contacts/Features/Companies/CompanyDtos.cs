using System.Text.Json;
using M3CoreCrm.Modules.Contacts.Domain;
using M3CoreCrm.Modules.Contacts.Features.Shared;

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

/// <summary>One record of a batch: without id, data is a new company; with an id, data is a JSON merge patch of it.</summary>
internal sealed record CompanyBatchItem(Guid? Id, JsonElement Data);

internal sealed record CompanyBatchRequest(IReadOnlyList<CompanyBatchItem> Items);
