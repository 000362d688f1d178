namespace M3CoreCrm.BuildingBlocks.Authorization;

/// <summary>
/// A permission of the catalogue, e.g. "leads.read". Data permissions are granted with a scope (own, group, all)
/// and apply to records with an owner; administrative ones are all-or-nothing.
/// </summary>
public sealed record PermissionDefinition(string Name, string Description, PermissionKind Kind);

public enum PermissionKind
{
    /// <summary>Reading a module's records (granted to viewers).</summary>
    DataRead,

    /// <summary>Creating, changing, deleting or acting on records (agents get it for their own records).</summary>
    DataWrite,

    /// <summary>Administration (users, roles, audit, tenant): never scoped.</summary>
    Admin,
}

public enum PermissionScope
{
    Own = 1,
    Group = 2,
    All = 3,
}

/// <summary>The catalogue: every module registers its permissions with <see cref="PermissionRegistration.AddPermissions"/>.</summary>
public sealed class PermissionCatalog(IEnumerable<PermissionDefinition> definitions)
{
    private readonly Dictionary<string, PermissionDefinition> _byName = definitions.ToDictionary(d => d.Name, StringComparer.Ordinal);

    public IReadOnlyCollection<PermissionDefinition> All => _byName.Values;

    public PermissionDefinition? Find(string name) => _byName.GetValueOrDefault(name);
}
