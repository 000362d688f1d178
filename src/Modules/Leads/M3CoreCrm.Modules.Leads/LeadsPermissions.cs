using M3CoreCrm.BuildingBlocks.Authorization;

namespace M3CoreCrm.Modules.Leads;

/// <summary>The Leads module's permissions; data permissions are granted with a scope (own, group, all) on the owner.</summary>
internal static class LeadsPermissions
{
    internal const string Read = "leads.read";
    internal const string Create = "leads.create";
    internal const string Update = "leads.update";
    internal const string Delete = "leads.delete";
    internal const string Assign = "leads.assign";
    internal const string Convert = "leads.convert";
    internal const string Import = "leads.import";

    // Other modules' permissions that a conversion needs for the records it creates.
    internal const string ContactsCreate = "contacts.create";
    internal const string CompaniesCreate = "companies.create";
    internal const string DealsCreate = "deals.create";

    internal static readonly PermissionDefinition[] All =
    [
        new(Read, "List, read, search and export leads and read their history.", PermissionKind.DataRead),
        new(Create, "Create leads (also in batches).", PermissionKind.DataWrite),
        new(Update, "Change leads and their status.", PermissionKind.DataWrite),
        new(Delete, "Delete and restore leads.", PermissionKind.DataWrite),
        new(Assign, "Assign leads to users; at 'all' scope, manage the round-robin assignment rules.", PermissionKind.DataWrite),
        new(Convert, "Convert leads into contacts (and companies).", PermissionKind.DataWrite),
        new(Import, "Import leads from CSV.", PermissionKind.DataWrite),
    ];
}
