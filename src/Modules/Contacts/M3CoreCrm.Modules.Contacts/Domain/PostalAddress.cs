namespace M3CoreCrm.Modules.Contacts.Domain;

/// <summary>A postal address (stored as columns of its owner); every part is optional.</summary>
internal sealed record PostalAddress(
    string? Line1,
    string? Line2,
    string? City,
    string? Region,
    string? PostalCode,
    string? Country)
{
    public static readonly PostalAddress Empty = new(null, null, null, null, null, null);

    public bool IsEmpty => Line1 is null && Line2 is null && City is null && Region is null && PostalCode is null && Country is null;
}
