using M3CoreCrm.BuildingBlocks.Data;
using M3CoreCrm.Modules.Deals.Domain;
using Microsoft.EntityFrameworkCore;

namespace M3CoreCrm.Modules.Deals.Data;

/// <summary>
/// The "deals" schema: pipelines with their stages, deals, and the deals' stage history. Every b-tree index leads
/// with tenant_id. Deal list indexes are partial (live rows only) and end with the id, matching the keyset sorts;
/// (tenant_id, stage_id, created_at, id) serves a board column's pages, (tenant_id, pipeline_id, stage_id, currency)
/// INCLUDE (amount, owner_id) a full regrouping of a pipeline (the board_totals backfill), (tenant_id, status, expected_close_date) INCLUDE (...) the
/// forecast's (both index-only). The title's trigram index (tenant first, btree_gin) serves <c>q</c> through the
/// SECURITY DEFINER function deals.match_deal_ids (see <see cref="DealSearch"/>): below the RLS policy PostgreSQL cannot
/// use a non-leakproof ILIKE as an index condition. The board's figures come from board_totals, kept by triggers on deals (see migration BoardTotals).
/// A deal's (pipeline, stage) pair references the stage's (tenant_id, pipeline_id, id), so the database
/// itself refuses a stage of another pipeline.
/// </summary>
internal sealed class DealsDbContext(DbContextOptions<DealsDbContext> options)
    : ModuleDbContext(options), IModuleSchema
{
    public static string SchemaName => "deals";

    /// <summary>Live rows only: the list indexes are partial on this predicate, as the soft-delete filter is.</summary>
    internal const string LiveRows = "deleted_at IS NULL";

    public override string Schema => SchemaName;

    public DbSet<Pipeline> Pipelines => Set<Pipeline>();

    public DbSet<PipelineStage> Stages => Set<PipelineStage>();

    public DbSet<Deal> Deals => Set<Deal>();

    public DbSet<DealStageChange> StageHistory => Set<DealStageChange>();

    /// <summary>The board's figures per (pipeline, stage, currency, owner); maintained by triggers, read-only.</summary>
    public DbSet<BoardTotal> BoardTotals => Set<BoardTotal>();

    protected override void ConfigureModel(ModelBuilder modelBuilder)
    {
        modelBuilder.HasDbFunction(typeof(DealSearch).GetMethod(nameof(DealSearch.TitleMatches))!).HasName("title_matches").HasSchema(SchemaName);
        modelBuilder.Entity<Pipeline>(pipeline =>
        {
            pipeline.ToTable("pipelines");
            pipeline.HasKey(p => new { p.TenantId, p.Id });
            pipeline.Property(p => p.Name).HasMaxLength(Limits.Name);
            pipeline.HasIndex(p => new { p.TenantId, p.Name }).IsUnique();
            pipeline.HasIndex(p => p.TenantId).IsUnique().HasFilter("is_default").HasDatabaseName("ix_pipelines_tenant_id_default");
            pipeline.Property(p => p.GroupIds).HasColumnType("uuid[]");
            pipeline.Property(p => p.Version).IsRowVersion();
            pipeline.Ignore(p => p.Ordered);
            pipeline.Ignore(p => p.OpenStages);
            pipeline.Ignore(p => p.WonStage);
            pipeline.Ignore(p => p.LostStage);
            pipeline.Ignore(p => p.IsRestricted);
            pipeline.HasMany(p => p.Stages).WithOne()
                .HasForeignKey(s => new { s.TenantId, s.PipelineId })
                .OnDelete(DeleteBehavior.Cascade);
            pipeline.Navigation(p => p.Stages).AutoInclude();
        });

        modelBuilder.Entity<PipelineStage>(stage =>
        {
            stage.ToTable("stages");
            stage.HasKey(s => new { s.TenantId, s.Id });
            stage.HasAlternateKey(s => new { s.TenantId, s.PipelineId, s.Id });
            stage.Property(s => s.Name).HasMaxLength(Limits.Name);
            stage.Property(s => s.Kind).HasConversion<string>().HasMaxLength(8);
            stage.ToTable(t =>
            {
                t.HasCheckConstraint("ck_stages_probability", "probability BETWEEN 0 AND 100");
                t.HasCheckConstraint("ck_stages_rotting_days", "rotting_days IS NULL OR rotting_days > 0");
            });
        });

        modelBuilder.Entity<Deal>(deal =>
        {
            deal.ToTable("deals", t =>
            {
                t.HasCheckConstraint("ck_deals_amount", "amount >= 0");
                t.HasCheckConstraint("ck_deals_status", "status IN ('Open', 'Won', 'Lost')");
            });
            deal.HasKey(d => new { d.TenantId, d.Id });
            deal.Property(d => d.Title).HasMaxLength(Limits.Title);
            deal.Property(d => d.Amount).HasPrecision(18, 2);
            deal.Property(d => d.Currency).HasMaxLength(3).IsFixedLength();
            deal.Property(d => d.ExpectedCloseSort)
                .HasComputedColumnSql("COALESCE(expected_close_date, DATE '9999-12-31')", stored: true);
            deal.Property(d => d.UnitIds).HasColumnType("uuid[]");
            deal.Property(d => d.Status).HasConversion<string>().HasMaxLength(8);
            deal.Property(d => d.LostReason).HasMaxLength(Limits.LostReason);
            deal.Property(d => d.Version).IsRowVersion();
            deal.HasOne<PipelineStage>().WithMany()
                .HasForeignKey(d => new { d.TenantId, d.PipelineId, d.StageId })
                .HasPrincipalKey(s => new { s.TenantId, s.PipelineId, s.Id })
                .OnDelete(DeleteBehavior.Restrict);

            deal.HasIndex(d => new { d.TenantId, d.CreatedAt, d.Id }).HasFilter(LiveRows);
            deal.HasIndex(d => new { d.TenantId, d.UpdatedAt, d.Id }).HasFilter(LiveRows);
            deal.HasIndex(d => new { d.TenantId, d.Amount, d.Id }).HasFilter(LiveRows);
            deal.HasIndex(d => new { d.TenantId, d.ExpectedCloseSort, d.Id }).HasFilter(LiveRows);
            deal.HasIndex(d => new { d.TenantId, d.OwnerId, d.CreatedAt, d.Id }).HasFilter(LiveRows);
            deal.HasIndex(d => new { d.TenantId, d.PipelineId, d.CreatedAt, d.Id }).HasFilter(LiveRows);
            deal.HasIndex(d => new { d.TenantId, d.StageId, d.CreatedAt, d.Id }).HasFilter(LiveRows);
            deal.HasIndex(d => new { d.TenantId, d.PipelineId, d.StageId, d.Currency })
                .IncludeProperties(d => new { d.Amount, d.OwnerId })
                .HasFilter(LiveRows)
                .HasDatabaseName("ix_deals_board");
            deal.HasIndex(d => new { d.TenantId, d.Status, d.ExpectedCloseDate })
                .IncludeProperties(d => new { d.PipelineId, d.StageId, d.Currency, d.Amount, d.OwnerId })
                .HasFilter(LiveRows)
                .HasDatabaseName("ix_deals_forecast");
            deal.HasIndex(d => new { d.TenantId, d.ContactId }).HasFilter("contact_id IS NOT NULL");
            deal.HasIndex(d => new { d.TenantId, d.CompanyId }).HasFilter("company_id IS NOT NULL");
            deal.HasIndex(d => new { d.TenantId, d.Title }).HasDatabaseName("ix_deals_tenant_title_search")
                .HasMethod("gin").HasOperators("uuid_ops", "gin_trgm_ops").HasFilter(LiveRows);
        });

        modelBuilder.Entity<DealStageChange>(change =>
        {
            change.ToTable("deal_stage_history");
            change.HasKey(c => new { c.TenantId, c.Id });
            change.Property(c => c.Action).HasConversion<string>().HasMaxLength(16);
            change.Property(c => c.Reason).HasMaxLength(Limits.LostReason);
            change.Property(c => c.FromStageName).HasMaxLength(Limits.Name);
            change.Property(c => c.ToStageName).HasMaxLength(Limits.Name);
            change.HasIndex(c => new { c.TenantId, c.DealId, c.At, c.Id });
            change.HasOne<Deal>().WithMany()
                .HasForeignKey(c => new { c.TenantId, c.DealId })
                .OnDelete(DeleteBehavior.Cascade);
        });

        // No primary key: owner_id is nullable (unassigned deals), so the key is a unique index with NULLS NOT
        // DISTINCT, which is also the ON CONFLICT arbiter of the triggers.
        modelBuilder.Entity<BoardTotal>(total =>
        {
            total.ToTable("board_totals");
            total.HasNoKey();
            total.Property(t => t.Currency).HasMaxLength(3).IsFixedLength();
            total.Property(t => t.AmountSum).HasColumnType("numeric");
            total.HasIndex(t => new { t.TenantId, t.PipelineId, t.StageId, t.Currency, t.OwnerId })
                .IsUnique()
                .AreNullsDistinct(false)
                .HasDatabaseName("ux_board_totals_key");
        });
    }
}

/// <summary>Column limits, shared by the model and the validators.</summary>
internal static class Limits
{
    internal const int Name = 100;
    internal const int Title = 200;
    internal const int LostReason = 500;
    internal const int UnitIds = 50;
}

internal sealed class DealsDesignTimeFactory : DesignTimeDbContextFactory<DealsDbContext>;
