using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace M3CoreCrm.BuildingBlocks.Auditing;

/// <summary>
/// Maps <c>shared.audit_entries</c>. Every module context maps it (excluded from its migrations) so audit rows are
/// inserted by the same SaveChanges as the change itself; the shared context owns the table's migration.
/// </summary>
internal sealed class AuditEntryConfiguration(bool excludeFromMigrations) : IEntityTypeConfiguration<AuditEntry>
{
    internal const string Schema = "shared";

    public void Configure(EntityTypeBuilder<AuditEntry> builder)
    {
        builder.ToTable("audit_entries", Schema, t =>
        {
            if (excludeFromMigrations)
            {
                t.ExcludeFromMigrations();
            }
        });
        builder.HasKey(e => new { e.TenantId, e.Id });
        builder.Property(e => e.ActorKind).HasMaxLength(16);
        builder.Property(e => e.EntityType).HasMaxLength(64);
        builder.Property(e => e.EntityId).HasMaxLength(160);
        builder.Property(e => e.Action).HasMaxLength(64);
        builder.Property(e => e.Changes).HasColumnType("jsonb");
        builder.Property(e => e.IpAddress).HasMaxLength(64);
        builder.Property(e => e.CorrelationId).HasMaxLength(128);
        builder.HasIndex(e => new { e.TenantId, e.EntityType, e.EntityId, e.OccurredAt });
        builder.HasIndex(e => new { e.TenantId, e.ActorId, e.OccurredAt });
        builder.HasIndex(e => new { e.TenantId, e.OccurredAt });
    }
}
