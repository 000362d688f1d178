using M3CoreCrm.BuildingBlocks.Auditing;
using M3CoreCrm.BuildingBlocks.Idempotency;
using Microsoft.EntityFrameworkCore;

namespace M3CoreCrm.BuildingBlocks.Data;

/// <summary>Cross-cutting tables of the "shared" schema: the audit log and stored idempotent responses.</summary>
public sealed class SharedDbContext(DbContextOptions<SharedDbContext> options)
    : ModuleDbContext(options), IModuleSchema
{
    public static string SchemaName => AuditEntryConfiguration.Schema;

    public override string Schema => SchemaName;

    private protected override bool OwnsAuditTable => true;

    internal DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();

    internal DbSet<IdempotencyRecord> IdempotencyRecords => Set<IdempotencyRecord>();

    protected override void ConfigureModel(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<IdempotencyRecord>(builder =>
        {
            builder.ToTable("idempotency_records");
            builder.HasKey(e => new { e.TenantId, e.ActorKey, e.Key });
            builder.Property(e => e.ActorKey).HasMaxLength(64);
            builder.Property(e => e.Key).HasMaxLength(255);
            builder.Property(e => e.ContentType).HasMaxLength(128);
            builder.Property(e => e.Location).HasMaxLength(512);
            builder.Property(e => e.ETag).HasMaxLength(64);
            builder.HasIndex(e => new { e.TenantId, e.ExpiresAt });
        });
    }
}

/// <summary>dotnet-ef's way to the shared context.</summary>
internal sealed class SharedDesignTimeFactory : DesignTimeDbContextFactory<SharedDbContext>;
