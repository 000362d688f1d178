using M3CoreCrm.BuildingBlocks.Data;
using M3CoreCrm.BuildingBlocks.Tenancy;

namespace M3CoreCrm.Modules.Contacts.Domain;

/// <summary>The validated, normalized editable state of a company.</summary>
internal sealed record CompanyDetails(
    string Name,
    string? Domain,
    string? Industry,
    PhoneValue? Phone,
    PostalAddress Address,
    Guid? OwnerId,
    IReadOnlyList<string> Tags)
{
    public bool SameAs(CompanyDetails other) =>
        Name == other.Name && Domain == other.Domain && Industry == other.Industry && Phone == other.Phone
        && Address == other.Address && OwnerId == other.OwnerId && Tags.SequenceEqual(other.Tags, StringComparer.Ordinal);
}

/// <summary>An organisation: a developer, a brokerage, a corporate buyer. Its contacts point to it.</summary>
internal sealed class Company : ITenantOwned, ISearchableRecord, IRestorable
{
    private Company()
    {
    }

    public Guid Id { get; private set; }

    public Guid TenantId { get; private set; }

    public string Name { get; private set; } = null!;

    /// <summary>Lower-case name: the key of the "name" sort.</summary>
    [NotAudited]
    public string SortName { get; private set; } = null!;

    /// <summary>Lower-case name, domain and phone: what <c>q</c> searches, trigram-indexed.</summary>
    [NotAudited]
    public string SearchText { get; private set; } = null!;

    public string? Domain { get; private set; }

    public string? Industry { get; private set; }

    public string? Phone { get; private set; }

    public string? PhoneNationalDigits { get; private set; }

    public string? AddressLine1 { get; private set; }

    public string? AddressLine2 { get; private set; }

    public string? AddressCity { get; private set; }

    public string? AddressRegion { get; private set; }

    public string? AddressPostalCode { get; private set; }

    public string? AddressCountry { get; private set; }

    public Guid? OwnerId { get; private set; }

    public List<string> Tags { get; private set; } = [];

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    public DateTimeOffset? DeletedAt { get; private set; }

    public uint Version { get; private set; }

    public PostalAddress Address => new(AddressLine1, AddressLine2, AddressCity, AddressRegion, AddressPostalCode, AddressCountry);

    public static Company Create(CompanyDetails details, DateTimeOffset now)
    {
        var company = new Company { Id = Guid.CreateVersion7(), CreatedAt = Timestamps.Stored(now) };
        company.Set(details, now);
        return company;
    }

    public CompanyDetails Details() => new(
        Name,
        Domain,
        Industry,
        Phone is null ? null : new PhoneValue(Phone, PhoneNationalDigits ?? string.Empty, PhoneLabel.Work, true),
        Address,
        OwnerId,
        Tags.ToList());

    public void Apply(CompanyDetails details, DateTimeOffset now)
    {
        if (!Details().SameAs(details))
        {
            Set(details, now);
        }
    }

    public void SoftDelete(DateTimeOffset now)
    {
        DeletedAt = Timestamps.Stored(now);
        UpdatedAt = Timestamps.Stored(now);
    }

    public void Restore(DateTimeOffset now)
    {
        DeletedAt = null;
        UpdatedAt = Timestamps.Stored(now);
    }

    private void Set(CompanyDetails details, DateTimeOffset now)
    {
        Name = details.Name;
        Domain = details.Domain;
        Industry = details.Industry;
        Phone = details.Phone?.Number;
        PhoneNationalDigits = details.Phone?.NationalDigits;
        AddressLine1 = details.Address.Line1;
        AddressLine2 = details.Address.Line2;
        AddressCity = details.Address.City;
        AddressRegion = details.Address.Region;
        AddressPostalCode = details.Address.PostalCode;
        AddressCountry = details.Address.Country;
        OwnerId = details.OwnerId;
        if (!Tags.SequenceEqual(details.Tags, StringComparer.Ordinal))
        {
            Tags = details.Tags.ToList();
        }

        SortName = Name.ToLowerInvariant();
        SearchText = string.Join(" | ", new[] { SortName, Domain, Phone is null ? null : $"{Phone} {PhoneNationalDigits}" }.OfType<string>());
        UpdatedAt = Timestamps.Stored(now);
    }
}
