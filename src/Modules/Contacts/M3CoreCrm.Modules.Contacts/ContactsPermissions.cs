using M3CoreCrm.BuildingBlocks.Authorization;

namespace M3CoreCrm.Modules.Contacts;

/// <summary>Data permissions of the Contacts module; scoped (own, group, all) on the record's owner.</summary>
internal static class ContactsPermissions
{
    internal const string ContactsRead = "contacts.read";
    internal const string ContactsCreate = "contacts.create";
    internal const string ContactsUpdate = "contacts.update";
    internal const string ContactsDelete = "contacts.delete";
    internal const string ContactsMerge = "contacts.merge";
    internal const string CompaniesRead = "companies.read";
    internal const string CompaniesCreate = "companies.create";
    internal const string CompaniesUpdate = "companies.update";
    internal const string CompaniesDelete = "companies.delete";

    internal static readonly PermissionDefinition[] All =
    [
        new(ContactsRead, "List, search and read contacts.", PermissionKind.DataRead),
        new(ContactsCreate, "Create contacts (one by one or in batches).", PermissionKind.DataWrite),
        new(ContactsUpdate, "Change contacts.", PermissionKind.DataWrite),
        new(ContactsDelete, "Delete and restore contacts.", PermissionKind.DataWrite),
        new(ContactsMerge, "Merge a duplicate contact into another.", PermissionKind.DataWrite),
        new(CompaniesRead, "List, search and read companies and their contacts.", PermissionKind.DataRead),
        new(CompaniesCreate, "Create companies (one by one or in batches).", PermissionKind.DataWrite),
        new(CompaniesUpdate, "Change companies.", PermissionKind.DataWrite),
        new(CompaniesDelete, "Delete and restore companies.", PermissionKind.DataWrite),
    ];
}
