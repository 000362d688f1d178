namespace M3CoreCrm.BuildingBlocks.Data;

/// <summary>A record that is deleted by marking it; the named "SoftDelete" query filter hides it.</summary>
public interface ISoftDeletable
{
    DateTimeOffset? DeletedAt { get; }
}

/// <summary>Names of the model-level query filters, for <c>IgnoreQueryFilters([...])</c>.</summary>
public static class QueryFilters
{
    public const string Tenant = "Tenant";
    public const string SoftDelete = "SoftDelete";
}

/// <summary>A property whose values never reach the audit log (hashes, secrets), or an entity that is not audited.</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Class)]
public sealed class NotAuditedAttribute : Attribute;
