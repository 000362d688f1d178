using M3CoreCrm.BuildingBlocks.Tenancy;

namespace M3CoreCrm.Modules.Contacts.Domain;

internal enum EmailLabel
{
    Work,
    Personal,
    Other,
}

internal enum PhoneLabel
{
    Mobile,
    Work,
    Home,
    Fax,
    Other,
}

/// <summary>A validated email of a contact: as entered, and normalized (trimmed, lower case) for dedup.</summary>
internal sealed record EmailValue(string Address, string Normalized, EmailLabel Label, bool IsPrimary);

/// <summary>A validated phone of a contact, in E.164, with the national digits the search also matches.</summary>
internal sealed record PhoneValue(string Number, string NationalDigits, PhoneLabel Label, bool IsPrimary);

/// <summary>
/// One email slot of a contact. Keyed by position, so replacing the list updates slots in place (no delete and
/// re-insert of the same key) and an audit row names the slot.
/// </summary>
internal sealed class ContactEmail : ITenantOwned
{
    public Guid TenantId { get; private set; }

    public Guid ContactId { get; private set; }

    public int Position { get; private set; }

    public string Address { get; private set; } = null!;

    public string Normalized { get; private set; } = null!;

    public EmailLabel Label { get; private set; }

    public bool IsPrimary { get; private set; }

    internal static ContactEmail At(int position, EmailValue value)
    {
        var email = new ContactEmail { Position = position };
        email.Set(value);
        return email;
    }

    internal void Set(EmailValue value)
    {
        Address = value.Address;
        Normalized = value.Normalized;
        Label = value.Label;
        IsPrimary = value.IsPrimary;
    }

    internal EmailValue ToValue() => new(Address, Normalized, Label, IsPrimary);
}

/// <summary>One phone slot of a contact (E.164), keyed by position like <see cref="ContactEmail"/>.</summary>
internal sealed class ContactPhone : ITenantOwned
{
    public Guid TenantId { get; private set; }

    public Guid ContactId { get; private set; }

    public int Position { get; private set; }

    public string Number { get; private set; } = null!;

    public string NationalDigits { get; private set; } = null!;

    public PhoneLabel Label { get; private set; }

    public bool IsPrimary { get; private set; }

    internal static ContactPhone At(int position, PhoneValue value)
    {
        var phone = new ContactPhone { Position = position };
        phone.Set(value);
        return phone;
    }

    internal void Set(PhoneValue value)
    {
        Number = value.Number;
        NationalDigits = value.NationalDigits;
        Label = value.Label;
        IsPrimary = value.IsPrimary;
    }

    internal PhoneValue ToValue() => new(Number, NationalDigits, Label, IsPrimary);
}
