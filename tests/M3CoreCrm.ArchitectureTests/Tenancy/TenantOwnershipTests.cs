using M3CoreCrm.ArchitectureTests.Support;
using M3CoreCrm.BuildingBlocks.Data;
using M3CoreCrm.BuildingBlocks.Tenancy;
using Microsoft.EntityFrameworkCore.Metadata;

namespace M3CoreCrm.ArchitectureTests.Tenancy;

/// <summary>
/// Every table is tenant-owned or deliberately global: an entity that is neither would escape the tenant filter,
/// tenant stamping and row-level security without anyone deciding so.
/// </summary>
public sealed class TenantOwnershipTests
{
    /// <summary>The mapped entity types of every context, owned types excepted (they live in their owner's row).</summary>
    private static IEnumerable<(Type Context, IEntityType Entity)> MappedEntities()
    {
        foreach (var contextType in ModuleDbContexts.All)
        {
            using var context = ModuleDbContexts.CreateDesignTime(contextType);
            foreach (var entity in context.Model.GetEntityTypes().Where(e => !e.IsOwned()))
            {
                yield return (contextType, entity);
            }
        }
    }

    private static bool IsTenantOwned(IEntityType entity) => typeof(ITenantOwned).IsAssignableFrom(entity.ClrType);

    private static bool IsGlobal(IEntityType entity) =>
        entity.GetRootType().ClrType.IsDefined(typeof(GlobalEntityAttribute), inherit: false);

    [Fact]
    public void The_shared_context_is_found_so_the_rules_have_something_to_check()
    {
        Assert.Contains(typeof(SharedDbContext), ModuleDbContexts.All);
        Assert.NotEmpty(MappedEntities());
    }

    [Fact]
    public void Every_context_has_a_design_time_factory()
    {
        Violations.AssertNone(
            ModuleDbContexts.All.Where(c => ModuleDbContexts.DesignTimeFactoryOf(c) is null).Select(c => c.FullName!),
            "Contexts without a DesignTimeDbContextFactory subclass (dotnet-ef and these tests need one)");
    }

    [Fact]
    public void Every_entity_is_tenant_owned_or_marked_global()
    {
        var violations = MappedEntities()
            .Where(x => !IsTenantOwned(x.Entity) && !IsGlobal(x.Entity))
            .Select(x => $"{x.Context.Name}: {x.Entity.DisplayName()} ({x.Entity.ClrType.Name})");

        Violations.AssertNone(violations, "Entities neither ITenantOwned nor [GlobalEntity]");
    }

    [Fact]
    public void No_entity_is_both_tenant_owned_and_global()
    {
        var violations = MappedEntities()
            .Where(x => IsTenantOwned(x.Entity) && IsGlobal(x.Entity))
            .Select(x => $"{x.Context.Name}: {x.Entity.DisplayName()}");

        Violations.AssertNone(violations, "Entities both ITenantOwned and [GlobalEntity]");
    }

    [Fact]
    public void Every_tenant_owned_entity_has_the_named_tenant_filter()
    {
        // Lost when a module overrides OnModelCreating without calling the base.
        var violations = MappedEntities()
            .Where(x => IsTenantOwned(x.Entity) && x.Entity.BaseType is null && x.Entity.FindDeclaredQueryFilter(QueryFilters.Tenant) is null)
            .Select(x => $"{x.Context.Name}: {x.Entity.DisplayName()}");

        Violations.AssertNone(violations, "Tenant-owned entities without the Tenant query filter");
    }

    [Fact]
    public void Every_tenant_owned_table_leads_its_keys_with_the_tenant()
    {
        // tenant_id first in the primary key (or in every index) keeps tenant queries on the index and the schema
        // distributable by tenant.
        static bool LeadsWithTenant(IReadOnlyList<IProperty> properties) =>
            properties.Count > 0 && properties[0].Name == nameof(ITenantOwned.TenantId);

        var violations = MappedEntities()
            .Where(x => IsTenantOwned(x.Entity) && x.Entity.BaseType is null && x.Entity.FindPrimaryKey() is { } key
                && !LeadsWithTenant(key.Properties)
                && !(x.Entity.GetIndexes().Any() && x.Entity.GetIndexes().All(i => LeadsWithTenant(i.Properties))))
            .Select(x => $"{x.Context.Name}: {x.Entity.DisplayName()}");

        Violations.AssertNone(violations, "Tenant-owned entities whose primary key (or every index) does not start with TenantId");
    }
}
