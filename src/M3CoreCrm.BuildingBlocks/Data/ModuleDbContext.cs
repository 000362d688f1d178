using System.Linq.Expressions;
using System.Reflection;
using M3CoreCrm.BuildingBlocks.Auditing;
using M3CoreCrm.BuildingBlocks.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace M3CoreCrm.BuildingBlocks.Data;

/// <summary>
/// Base of every module's DbContext: the module's own schema, the named tenant and soft-delete filters, tenant
/// stamping and checking on save, audit rows written in the same SaveChanges, and enlistment in the unit of work's
/// transaction. Contexts are pooled: a leased one is bound to its unit of work by <see cref="Bind"/>.
/// </summary>
public abstract class ModuleDbContext(DbContextOptions options) : DbContext(options)
{
    private static readonly MethodInfo ConfigureFiltersMethod =
        typeof(ModuleDbContext).GetMethod(nameof(ConfigureFilters), BindingFlags.NonPublic | BindingFlags.Instance)!;

    /// <summary>The PostgreSQL schema that holds this module's tables and its migrations history.</summary>
    public abstract string Schema { get; }

    internal ModuleDbContextDependencies Dependencies { get; private set; } = ModuleDbContextDependencies.ForTooling();

    /// <summary>
    /// Binds the context to a unit of work: its tenant, actor and clock, and its shared connection. Called on every
    /// lease from the pool, before the context's first use (the model reads the test-only filter switch).
    /// </summary>
    internal void Bind(ModuleDbContextDependencies dependencies)
    {
        Dependencies = dependencies;
        if (dependencies.UnitOfWork is { } unitOfWork)
        {
            Database.SetDbConnection(unitOfWork.Connection, contextOwnsConnection: false);
        }
    }

    /// <summary>Read by the tenant filter on every query (EF parameterizes it; the model stays shared).</summary>
    protected Guid CurrentTenantId => Dependencies.Tenant.TenantId ?? Guid.Empty;

    /// <summary>Only a test host replaces <see cref="TenantFilterOptions"/> to build the model without tenant filters.</summary>
    internal bool TenantFiltersDisabled => Dependencies.TenantFiltersDisabled;

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.HasDefaultSchema(Schema);
        modelBuilder.ApplyConfiguration(new AuditEntryConfiguration(excludeFromMigrations: !OwnsAuditTable));
        ConfigureModel(modelBuilder);

        foreach (var entityType in modelBuilder.Model.GetEntityTypes().Where(t => !t.IsOwned() && t.BaseType is null).ToList())
        {
            ConfigureFiltersMethod.MakeGenericMethod(entityType.ClrType).Invoke(this, [modelBuilder]);
        }
    }

    /// <summary>Only the shared context creates the audit table; the others map it to write into it.</summary>
    private protected virtual bool OwnsAuditTable => false;

    /// <summary>The module's entity configurations.</summary>
    protected abstract void ConfigureModel(ModelBuilder modelBuilder);

    private void ConfigureFilters<TEntity>(ModelBuilder modelBuilder)
        where TEntity : class
    {
        var entity = modelBuilder.Entity<TEntity>();
        var parameter = Expression.Parameter(typeof(TEntity), "e");

        // EF runs value generators only on properties outside foreign keys; link rows get their tenant on save.
        if (typeof(ITenantOwned).IsAssignableFrom(typeof(TEntity))
            && entity.Metadata.FindProperty(nameof(ITenantOwned.TenantId)) is { } tenantProperty && !tenantProperty.IsForeignKey())
        {
            entity.Property(nameof(ITenantOwned.TenantId)).HasValueGenerator<TenantIdValueGenerator>().ValueGeneratedOnAdd();
        }

        if (typeof(ITenantOwned).IsAssignableFrom(typeof(TEntity)) && !TenantFiltersDisabled)
        {
            // e => e.TenantId == this.CurrentTenantId
            var tenantId = Expression.Property(parameter, nameof(ITenantOwned.TenantId));
            var current = Expression.Property(Expression.Constant(this), nameof(CurrentTenantId));
            entity.HasQueryFilter(QueryFilters.Tenant, Expression.Lambda<Func<TEntity, bool>>(Expression.Equal(tenantId, current), parameter));
        }

        if (typeof(ISoftDeletable).IsAssignableFrom(typeof(TEntity)))
        {
            // e => e.DeletedAt == null
            var deletedAt = Expression.Property(parameter, nameof(ISoftDeletable.DeletedAt));
            var isNull = Expression.Equal(deletedAt, Expression.Constant(null, typeof(DateTimeOffset?)));
            entity.HasQueryFilter(QueryFilters.SoftDelete, Expression.Lambda<Func<TEntity, bool>>(isNull, parameter));
        }
    }

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        // Changes are detected once: reading the entries (tenant stamp, audit) and EF's own save would each detect
        // them again, comparing every tracked property with its snapshot. Everything below goes through the change
        // tracker's API, which records what it sets.
        ChangeTracker.DetectChanges();
        var autoDetect = ChangeTracker.AutoDetectChangesEnabled;
        ChangeTracker.AutoDetectChangesEnabled = false;
        try
        {
            PrepareSave();
            await EnlistAsync(cancellationToken);
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        }
        finally
        {
            ChangeTracker.AutoDetectChangesEnabled = autoDetect;
        }
    }

    /// <summary>
    /// Saves without EF Core's savepoint around the batch inside an open transaction (SAVEPOINT and RELEASE: two
    /// round trips). Only for saves whose failure fails the whole unit of work, as nothing may continue the
    /// transaction after it.
    /// </summary>
    public async Task<int> SaveChangesWithoutSavepointAsync(CancellationToken cancellationToken)
    {
        Database.AutoSavepointsEnabled = false;
        try
        {
            return await SaveChangesAsync(cancellationToken);
        }
        finally
        {
            Database.AutoSavepointsEnabled = true;
        }
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess) =>
        throw new NotSupportedException("Use SaveChangesAsync: the unit of work is asynchronous.");

    /// <summary>Joins the unit of work's open transaction so that a use case spanning modules commits once.</summary>
    private async Task EnlistAsync(CancellationToken cancellationToken)
    {
        var unitOfWork = Dependencies.UnitOfWork;
        if (unitOfWork?.Transaction is { } transaction && Database.CurrentTransaction is null)
        {
            await Database.UseTransactionAsync(transaction, cancellationToken);
            unitOfWork.Enlisted(this);
        }
    }

    private void PrepareSave()
    {
        TenantStamp.Apply(ChangeTracker, Dependencies.Tenant.TenantId);
        var entries = AuditTrail.Collect(ChangeTracker, Dependencies);
        if (entries.Count > 0)
        {
            Set<AuditEntry>().AddRange(entries);
        }
    }
}
