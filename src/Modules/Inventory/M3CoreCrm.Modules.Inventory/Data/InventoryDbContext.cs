using M3CoreCrm.BuildingBlocks.Data;
using M3CoreCrm.Modules.Inventory.Domain;
using Microsoft.EntityFrameworkCore;

namespace M3CoreCrm.Modules.Inventory.Data;

/// <summary>
/// The "inventory" schema: projects, buildings, units and the units' bookings. Every index leads with tenant_id.
/// Unit codes are unique per building over all rows (a deleted unit keeps its code, so a restore never collides).
/// <c>ux_unit_claims_active</c> is the database's guarantee that a unit has at most one active booking.
/// </summary>
internal sealed class InventoryDbContext(DbContextOptions<InventoryDbContext> options)
    : ModuleDbContext(options), IModuleSchema
{
    public static string SchemaName => "inventory";

    internal const string LiveRows = "deleted_at IS NULL";

    /// <summary>The partial unique index that allows one active booking per unit.</summary>
    internal const string ActiveBookingIndex = "ux_unit_claims_active";

    internal const string UnitCodeIndex = "ux_units_building_code";

    public override string Schema => SchemaName;

    public DbSet<Project> Projects => Set<Project>();

    public DbSet<Building> Buildings => Set<Building>();

    public DbSet<Unit> Units => Set<Unit>();

    public DbSet<UnitBooking> Bookings => Set<UnitBooking>();

    protected override void ConfigureModel(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Project>(project =>
        {
            project.ToTable("projects");
            project.HasKey(p => new { p.TenantId, p.Id });
            project.Property(p => p.Name).HasMaxLength(Limits.Name);
            project.Property(p => p.Location).HasMaxLength(Limits.Text);
            project.Property(p => p.Developer).HasMaxLength(Limits.Text);
            project.Property(p => p.Status).HasConversion<string>().HasMaxLength(16);
            project.Property(p => p.Version).IsRowVersion();
            project.HasIndex(p => new { p.TenantId, p.CreatedAt, p.Id }).HasFilter(LiveRows);
            project.HasIndex(p => new { p.TenantId, p.Name, p.Id }).HasFilter(LiveRows);
        });

        modelBuilder.Entity<Building>(building =>
        {
            building.ToTable("buildings", t => t.HasCheckConstraint("ck_buildings_floors", "floors > 0"));
            building.HasKey(b => new { b.TenantId, b.Id });
            building.Property(b => b.Name).HasMaxLength(Limits.Name);
            building.Property(b => b.Version).IsRowVersion();
            building.HasOne<Project>().WithMany().HasForeignKey(b => new { b.TenantId, b.ProjectId }).OnDelete(DeleteBehavior.Restrict);
            building.HasIndex(b => new { b.TenantId, b.CreatedAt, b.Id }).HasFilter(LiveRows);
            building.HasIndex(b => new { b.TenantId, b.ProjectId, b.Name, b.Id }).HasFilter(LiveRows);
        });

        modelBuilder.Entity<Unit>(unit =>
        {
            unit.ToTable("units", t =>
            {
                t.HasCheckConstraint("ck_units_price", "list_price >= 0");
                t.HasCheckConstraint("ck_units_area", "area > 0");
                t.HasCheckConstraint("ck_units_rooms", "bedrooms >= 0 AND bathrooms >= 0");
            });
            unit.HasKey(u => new { u.TenantId, u.Id });
            unit.Property(u => u.Code).HasMaxLength(Limits.Code);
            unit.Property(u => u.Type).HasConversion<string>().HasMaxLength(16);
            unit.Property(u => u.Status).HasConversion<string>().HasMaxLength(16);
            unit.Property(u => u.Area).HasPrecision(10, 2);
            unit.Property(u => u.ListPrice).HasPrecision(18, 2);
            unit.Property(u => u.Currency).HasMaxLength(3).IsFixedLength();
            unit.Property(u => u.View).HasMaxLength(Limits.Short);
            unit.Property(u => u.Orientation).HasMaxLength(Limits.Short);
            unit.Property(u => u.Version).IsRowVersion();
            unit.HasOne<Building>().WithMany().HasForeignKey(u => new { u.TenantId, u.BuildingId }).OnDelete(DeleteBehavior.Restrict);
            unit.HasOne<Project>().WithMany().HasForeignKey(u => new { u.TenantId, u.ProjectId }).OnDelete(DeleteBehavior.Restrict);
            unit.HasIndex(u => new { u.TenantId, u.BuildingId, u.Code }).IsUnique().HasDatabaseName(UnitCodeIndex);
            unit.HasIndex(u => new { u.TenantId, u.CreatedAt, u.Id }).HasFilter(LiveRows);
            unit.HasIndex(u => new { u.TenantId, u.Code, u.Id }).HasFilter(LiveRows);
            unit.HasIndex(u => new { u.TenantId, u.ListPrice, u.Id }).HasFilter(LiveRows);
            unit.HasIndex(u => new { u.TenantId, u.Area, u.Id }).HasFilter(LiveRows);
            unit.HasIndex(u => new { u.TenantId, u.ProjectId, u.Status, u.Type, u.Bedrooms }).HasFilter(LiveRows);
            unit.HasIndex(u => new { u.TenantId, u.Status, u.Type, u.Bedrooms }).HasFilter(LiveRows);
            unit.HasIndex(u => new { u.TenantId, u.ProjectId, u.BuildingId, u.Status, u.Currency })
                .IncludeProperties(u => u.ListPrice).HasFilter(LiveRows).HasDatabaseName("ix_units_stats");
        });

        modelBuilder.Entity<UnitBooking>(booking =>
        {
            booking.ToTable("unit_claims", t =>
            {
                t.HasCheckConstraint("ck_unit_claims_hold_expiry", "kind <> 'Hold' OR expires_at IS NOT NULL");
                t.HasCheckConstraint("ck_unit_claims_reservation_deal", "kind <> 'Reservation' OR deal_id IS NOT NULL");
            });
            booking.HasKey(c => new { c.TenantId, c.Id });
            booking.Property(c => c.Kind).HasConversion<string>().HasMaxLength(16);
            booking.Property(c => c.Status).HasConversion<string>().HasMaxLength(16);
            booking.Property(c => c.Price).HasPrecision(18, 2);
            booking.Property(c => c.DepositAmount).HasPrecision(18, 2);
            booking.Property(c => c.Currency).HasMaxLength(3).IsFixedLength();
            booking.Property(c => c.PaymentPlan).HasColumnType("jsonb");
            booking.Property(c => c.Version).IsRowVersion();
            booking.HasOne<Unit>().WithMany().HasForeignKey(c => new { c.TenantId, c.UnitId }).OnDelete(DeleteBehavior.Restrict);
            booking.HasIndex(c => new { c.TenantId, c.UnitId }).IsUnique().HasFilter("status = 'Active'").HasDatabaseName(ActiveBookingIndex);
            booking.HasIndex(c => new { c.TenantId, c.UnitId, c.CreatedAt, c.Id });
            booking.HasIndex(c => new { c.TenantId, c.DealId }).HasFilter("deal_id IS NOT NULL");
            booking.HasIndex(c => new { c.TenantId, c.ExpiresAt }).HasFilter("status = 'Active' AND kind = 'Hold'").HasDatabaseName("ix_unit_claims_active_holds");
            booking.HasIndex(c => new { c.TenantId, c.Kind, c.CreatedAt, c.Id });
        });
    }
}

/// <summary>Column limits, shared by the model and the validators.</summary>
internal static class Limits
{
    internal const int Name = 150;
    internal const int Text = 200;
    internal const int Short = 50;
    internal const int Code = 32;
    internal const int Label = 100;
}

internal sealed class InventoryDesignTimeFactory : DesignTimeDbContextFactory<InventoryDbContext>;
