namespace M3CoreCrm.ArchitectureTests.Shape;

/// <summary>
/// Files that still depart from the module shape, each with what is left to do. The list only shrinks: a file not
/// listed fails its rule at once, and a listed file that no longer offends fails the same rule as a stale entry, so
/// fixing one means deleting its line here.
/// </summary>
internal static class ShapeDebt
{
    internal static readonly IReadOnlyDictionary<string, string> EndpointsWithDbContext = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["src/Modules/Activities/M3CoreCrm.Modules.Activities/Features/Timeline/TimelineEndpoints.cs"] = "the timeline query moves into TimelineQueries",
        ["src/Modules/Contacts/M3CoreCrm.Modules.Contacts/Features/Companies/CompanyEndpoints.cs"] = "list and batch move into CompanyQueries/CompanyService",
        ["src/Modules/Contacts/M3CoreCrm.Modules.Contacts/Features/Contacts/ContactEndpoints.cs"] = "list, merge and batch move into ContactQueries/ContactService",
        ["src/Modules/Identity/M3CoreCrm.Modules.Identity/Features/ApiKeys/ApiKeyEndpoints.cs"] = "reads and writes move into ApiKeyQueries/ApiKeyService",
        ["src/Modules/Identity/M3CoreCrm.Modules.Identity/Features/Roles/RoleEndpoints.cs"] = "reads and writes move into RoleQueries/RoleService",
        ["src/Modules/Identity/M3CoreCrm.Modules.Identity/Features/Audit/AuditEndpoints.cs"] = "the audit query moves into AuditQueries",
        ["src/Modules/Leads/M3CoreCrm.Modules.Leads/Features/AssignmentRules/AssignmentRuleEndpoints.cs"] = "reads and writes move into AssignmentRuleService",
        ["src/Modules/Leads/M3CoreCrm.Modules.Leads/Features/Leads/LeadConversionEndpoints.cs"] = "the conversion moves into LeadConversionService",
        ["src/Modules/Leads/M3CoreCrm.Modules.Leads/Features/Leads/LeadEndpoints.cs"] = "reads move into LeadQueries",
        ["src/Modules/Leads/M3CoreCrm.Modules.Leads/Features/Leads/LeadHistoryEndpoints.cs"] = "the history query moves into LeadQueries",
        ["src/Modules/Leads/M3CoreCrm.Modules.Leads/Features/Leads/LeadExportEndpoints.cs"] = "the export query moves into LeadQueries",
        ["src/Modules/Leads/M3CoreCrm.Modules.Leads/Features/Leads/LeadDeleteEndpoints.cs"] = "delete and restore move into LeadService",
        ["src/Modules/Leads/M3CoreCrm.Modules.Leads/Features/Leads/LeadStatusEndpoints.cs"] = "the transition moves into LeadService",
        ["src/Modules/Leads/M3CoreCrm.Modules.Leads/Features/Leads/LeadAssignEndpoints.cs"] = "the assignment moves into LeadService",
        ["src/Modules/Leads/M3CoreCrm.Modules.Leads/Features/Leads/LeadBatchEndpoints.cs"] = "the batch moves into LeadService",
        ["src/Modules/Tenancy/M3CoreCrm.Modules.Tenancy/Features/Tenants/TenantEndpoints.cs"] = "reads move into TenantQueries",
    };

    internal static readonly IReadOnlyDictionary<string, string> LooseFeatureFiles = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["src/Modules/Activities/M3CoreCrm.Modules.Activities/Features/EnumQuery.cs"] = "shared by activities and tasks: moves to Domain/ or BuildingBlocks",
        ["src/Modules/Contacts/M3CoreCrm.Modules.Contacts/Features/BatchItems.cs"] = "shared by contacts and companies",
        ["src/Modules/Contacts/M3CoreCrm.Modules.Contacts/Features/ContactAddress.cs"] = "shared by contacts and companies",
        ["src/Modules/Contacts/M3CoreCrm.Modules.Contacts/Features/DuplicateLocks.cs"] = "shared by contacts and companies",
        ["src/Modules/Contacts/M3CoreCrm.Modules.Contacts/Features/ListFilters.cs"] = "shared by contacts and companies",
        ["src/Modules/Inventory/M3CoreCrm.Modules.Inventory/Features/InventoryRules.cs"] = "shared by projects, buildings and units",
    };

    internal static readonly IReadOnlyDictionary<string, string> RecordsOutsideDtos = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["src/Modules/Contacts/M3CoreCrm.Modules.Contacts/Features/Companies/CompanyEndpoints.cs"] = "CompanyBatchRequest moves to CompanyDtos",
        ["src/Modules/Contacts/M3CoreCrm.Modules.Contacts/Features/Contacts/ContactEndpoints.cs"] = "MergeContactsRequest, ContactBatchRequest move to ContactDtos",
        ["src/Modules/Identity/M3CoreCrm.Modules.Identity/Features/Audit/AuditEndpoints.cs"] = "AuditEntryResponse moves to AuditDtos",
        ["src/Modules/Leads/M3CoreCrm.Modules.Leads/Features/Leads/LeadAssignEndpoints.cs"] = "AssignLeadRequest moves to LeadDtos",
        ["src/Modules/Leads/M3CoreCrm.Modules.Leads/Features/Leads/LeadBatchEndpoints.cs"] = "LeadBatchRequest moves to LeadDtos",
        ["src/Modules/Leads/M3CoreCrm.Modules.Leads/Features/Leads/LeadStatusEndpoints.cs"] = "ChangeLeadStatusRequest moves to LeadDtos",
    };

    /// <summary>Contracts interfaces that are ports with a role of their own rather than lookups of a module's records.</summary>
    internal static readonly IReadOnlyDictionary<string, string> ContractPorts = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["M3CoreCrm.Modules.Deals.Contracts.IDealStageHistory"] = "a deal's stage moves for the Activities timeline; may join IDealDirectory",
        ["M3CoreCrm.Modules.Identity.Contracts.IPasswordPolicy"] = "a policy Tenancy applies when it provisions an owner",
        ["M3CoreCrm.Modules.Identity.Contracts.ITenantOwnerProvisioning"] = "the owner of a new tenant, created in Tenancy's transaction",
    };

    /// <summary>
    /// The violations no debt entry covers, then one line per entry that covers no violation any more (stale), for
    /// violation lines that start with a repository path or a type name.
    /// </summary>
    internal static IEnumerable<string> Unlisted(IEnumerable<string> violations, IReadOnlyDictionary<string, string> debt)
    {
        var list = violations.ToList();
        return list.Where(v => !debt.Keys.Any(key => Covers(key, v)))
            .Concat(debt.Keys.Where(key => !list.Any(v => Covers(key, v))).Select(key => $"{key}: listed in ShapeDebt but no longer offends; delete its line"));
    }

    private static bool Covers(string key, string violation) =>
        violation.StartsWith(key + ":", StringComparison.Ordinal) || violation.StartsWith(key + " ", StringComparison.Ordinal);
}
