using M3CoreCrm.BuildingBlocks.Data;
using M3CoreCrm.BuildingBlocks.Tenancy;

namespace M3CoreCrm.Modules.Contacts.Domain;

/// <summary>The validated, normalized editable state of a contact (what create, patch, batch and merge produce).</summary>
internal sealed record ContactDetails(
    string FirstName,
    string? LastName,
    IReadOnlyList<EmailValue> Emails,
    IReadOnlyList<PhoneValue> Phones,
    Guid? CompanyId,
    PostalAddress Address,
    Guid? SourceLeadId,
    Guid? OwnerId,
    IReadOnlyList<string> Tags)
{
    /// <summary>Field-by-field equality, lists compared in order.</summary>
    public bool SameAs(ContactDetails other) =>
        FirstName == other.FirstName && LastName == other.LastName
        && Emails.SequenceEqual(other.Emails) && Phones.SequenceEqual(other.Phones)
        && CompanyId == other.CompanyId && Address == other.Address && SourceLeadId == other.SourceLeadId
        && OwnerId == other.OwnerId && Tags.SequenceEqual(other.Tags, StringComparer.Ordinal);
}

/// <summary>
/// A person the agency deals with: names, emails and phones (one of each primary), at most one company, an address,
/// the lead it came from, an owner and tags. Deleting marks it; merging moves another contact's details into it.
/// </summary>
internal sealed class Contact : ITenantOwned, ISearchableRecord, IRestorable
{
    private Contact()
    {
    }

    public Guid Id { get; private set; }

    public Guid TenantId { get; private set; }

    public string FirstName { get; private set; } = null!;

    public string? LastName { get; private set; }

    /// <summary>Lower-case "first last": the key of the "name" sort.</summary>
    [NotAudited]
    public string SortName { get; private set; } = null!;

    /// <summary>Lower-case names, emails and phones (E.164 and national digits): what <c>q</c> searches, trigram-indexed.</summary>
    [NotAudited]
    public string SearchText { get; private set; } = null!;

    public List<ContactEmail> Emails { get; private set; } = [];

    public List<ContactPhone> Phones { get; private set; } = [];

    public Guid? CompanyId { get; private set; }

    public string? AddressLine1 { get; private set; }

    public string? AddressLine2 { get; private set; }

    public string? AddressCity { get; private set; }

    public string? AddressRegion { get; private set; }

    public string? AddressPostalCode { get; private set; }

    public string? AddressCountry { get; private set; }

    public Guid? SourceLeadId { get; private set; }

    public Guid? OwnerId { get; private set; }

    public List<string> Tags { get; private set; } = [];

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    public DateTimeOffset? DeletedAt { get; private set; }

    public uint Version { get; private set; }

    public PostalAddress Address => new(AddressLine1, AddressLine2, AddressCity, AddressRegion, AddressPostalCode, AddressCountry);

    public static Contact Create(ContactDetails details, DateTimeOffset now)
    {
        var contact = new Contact { Id = Guid.CreateVersion7(), CreatedAt = Timestamps.Stored(now) };
        contact.Set(details, now);
        return contact;
    }

    /// <summary>The current editable state, in the same shape as an input.</summary>
    public ContactDetails Details() => new(
        FirstName,
        LastName,
        Emails.OrderBy(e => e.Position).Select(e => e.ToValue()).ToList(),
        Phones.OrderBy(p => p.Position).Select(p => p.ToValue()).ToList(),
        CompanyId,
        Address,
        SourceLeadId,
        OwnerId,
        Tags.ToList());

    /// <summary>Replaces the editable state; nothing changes (same version) when nothing differs.</summary>
    public void Apply(ContactDetails details, DateTimeOffset now)
    {
        if (!Details().SameAs(details))
        {
            Set(details, now);
        }
    }

    private void Set(ContactDetails details, DateTimeOffset now)
    {
        FirstName = details.FirstName;
        LastName = details.LastName;
        SetSlots(Emails, details.Emails, ContactEmail.At, (slot, value) => slot.Set(value), e => e.Position);
        SetSlots(Phones, details.Phones, ContactPhone.At, (slot, value) => slot.Set(value), p => p.Position);
        CompanyId = details.CompanyId;
        AddressLine1 = details.Address.Line1;
        AddressLine2 = details.Address.Line2;
        AddressCity = details.Address.City;
        AddressRegion = details.Address.Region;
        AddressPostalCode = details.Address.PostalCode;
        AddressCountry = details.Address.Country;
        SourceLeadId = details.SourceLeadId;
        OwnerId = details.OwnerId;
        if (!Tags.SequenceEqual(details.Tags, StringComparer.Ordinal))
        {
            Tags = details.Tags.ToList();
        }

        SortName = BuildSortName(FirstName, LastName);
        SearchText = BuildSearchText(FirstName, LastName, details.Emails, details.Phones);
        UpdatedAt = Timestamps.Stored(now);
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

    /// <summary>
    /// Takes <paramref name="other"/>'s emails, phones and tags (deduplicated) and fills this contact's empty fields
    /// from it; this contact's non-empty fields win. The other loses what moved and is deleted.
    /// </summary>
    public void MergeFrom(Contact other, DateTimeOffset now)
    {
        var mine = Details();
        var theirs = other.Details();

        var emails = mine.Emails.ToList();
        foreach (var email in theirs.Emails.Where(e => emails.All(m => m.Normalized != e.Normalized)))
        {
            emails.Add(email with { IsPrimary = false });
        }

        var phones = mine.Phones.ToList();
        foreach (var phone in theirs.Phones.Where(p => phones.All(m => m.Number != p.Number)))
        {
            phones.Add(phone with { IsPrimary = false });
        }

        Apply(new ContactDetails(
            mine.FirstName,
            mine.LastName ?? theirs.LastName,
            WithPrimary(emails, e => e.IsPrimary, e => e with { IsPrimary = true }),
            WithPrimary(phones, p => p.IsPrimary, p => p with { IsPrimary = true }),
            mine.CompanyId ?? theirs.CompanyId,
            mine.Address.IsEmpty ? theirs.Address : mine.Address,
            mine.SourceLeadId ?? theirs.SourceLeadId,
            mine.OwnerId ?? theirs.OwnerId,
            mine.Tags.Concat(theirs.Tags).Distinct(StringComparer.Ordinal).ToList()), now);

        other.Apply(theirs with { Emails = [], Phones = [] }, now);
        other.SoftDelete(now);
    }

    internal static string BuildSortName(string firstName, string? lastName) =>
        (lastName is null ? firstName : $"{firstName} {lastName}").ToLowerInvariant();

    internal static string BuildSearchText(string firstName, string? lastName, IEnumerable<EmailValue> emails, IEnumerable<PhoneValue> phones) =>
        string.Join(" | ", new[] { BuildSortName(firstName, lastName) }
            .Concat(emails.Select(e => e.Normalized))
            .Concat(phones.Select(p => $"{p.Number} {p.NationalDigits}")));

    /// <summary>Makes the first item primary when none is.</summary>
    private static List<T> WithPrimary<T>(List<T> items, Func<T, bool> isPrimary, Func<T, T> makePrimary)
    {
        if (items.Count > 0 && !items.Any(isPrimary))
        {
            items[0] = makePrimary(items[0]);
        }

        return items;
    }

    /// <summary>Slot i takes value i: existing slots are updated in place, extra ones added or removed.</summary>
    private static void SetSlots<TSlot, TValue>(List<TSlot> slots, IReadOnlyList<TValue> values, Func<int, TValue, TSlot> create, Action<TSlot, TValue> set, Func<TSlot, int> position)
    {
        var ordered = slots.OrderBy(position).ToList();
        for (var i = 0; i < values.Count; i++)
        {
            if (i < ordered.Count)
            {
                set(ordered[i], values[i]);
            }
            else
            {
                slots.Add(create(i, values[i]));
            }
        }

        foreach (var extra in ordered.Skip(values.Count))
        {
            slots.Remove(extra);
        }
    }
}
