using M3CoreCrm.BuildingBlocks.Data;
using M3CoreCrm.Modules.Tenancy.Domain;
using Microsoft.EntityFrameworkCore;

namespace M3CoreCrm.Modules.Tenancy.Data;

internal sealed class TenancyDbContext(DbContextOptions<TenancyDbContext> options)
    : ModuleDbContext(options), IModuleSchema
{
    public static string SchemaName => "tenancy";

    public override string Schema => SchemaName;

    public DbSet<Tenant> Tenants => Set<Tenant>();

    protected override void ConfigureModel(ModelBuilder modelBuilder) =>
        modelBuilder.Entity<Tenant>(tenant =>
        {
            tenant.ToTable("tenants");
            tenant.HasKey(t => t.Id);
            tenant.Property(t => t.Slug).HasMaxLength(63);
            tenant.HasIndex(t => t.Slug).IsUnique();
            tenant.Property(t => t.Name).HasMaxLength(200);
            tenant.Property(t => t.Status).HasConversion<string>().HasMaxLength(16);
            tenant.Property(t => t.DefaultCurrency).HasMaxLength(3).IsFixedLength();
            tenant.Property(t => t.TimeZone).HasMaxLength(64);
            tenant.Property(t => t.Version).IsRowVersion();
        });
}

internal sealed class TenancyDesignTimeFactory : DesignTimeDbContextFactory<TenancyDbContext>;
