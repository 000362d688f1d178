using M3CoreCrm.BuildingBlocks.Data;
using M3CoreCrm.Modules.Leads.Domain;
using Microsoft.EntityFrameworkCore;

namespace M3CoreCrm.Modules.Leads.Data;

/// <summary>
/// The "leads" schema. Every index leads with tenant_id. List indexes are partial (deleted_at IS NULL, as the
/// soft-delete filter asks) and end with (created_at, id) or the other sort keys, so a keyset page is an index range
/// scan at any depth; the contains search uses a trigram GIN index on the generated search_text, through a SECURITY
/// DEFINER function (row-level security lets only LEAKPROOF operators be index conditions; ILIKE is not one).
/// </summary>
internal sealed class LeadsDbContext(DbContextOptions<LeadsDbContext> options)
    : ModuleDbContext(options), IModuleSchema
{
    internal const string LiveRows = "deleted_at IS NULL";

    /// <summary>Names, email and phone in one text; pg_trgm folds case itself, so ILIKE '%q%' uses the index.</summary>
    internal const string SearchTextSql =
        "first_name || ' ' || coalesce(last_name, '') || ' ' || coalesce(email, '') || ' ' || coalesce(phone, '')";

    public static string SchemaName => "leads";

    public override string Schema => SchemaName;

    public DbSet<Lead> Leads => Set<Lead>();

    public DbSet<AssignmentRule> AssignmentRules => Set<AssignmentRule>();

    public DbSet<AssignmentCursor> AssignmentCursors => Set<AssignmentCursor>();

    protected override void ConfigureModel(ModelBuilder modelBuilder)
    {
        modelBuilder.HasDbFunction(typeof(LeadSearch).GetMethod(nameof(LeadSearch.MatchesText))!).HasName("search_text_matches").HasSchema(SchemaName);
        modelBuilder.Entity<Lead>(lead =>
        {
            lead.ToTable("leads");
            lead.HasKey(l => new { l.TenantId, l.Id });
            lead.Property(l => l.FirstName).HasMaxLength(LeadRules.NameMax);
            lead.Property(l => l.LastName).HasMaxLength(LeadRules.NameMax);
            lead.Property(l => l.FullName).HasMaxLength((LeadRules.NameMax * 2) + 1);
            lead.Property(l => l.Email).HasMaxLength(LeadRules.EmailMax);
            lead.Property(l => l.NormalizedEmail).HasMaxLength(LeadRules.EmailMax);
            lead.Property(l => l.Phone).HasMaxLength(16);
            lead.Property(l => l.Source).HasConversion<string>().HasMaxLength(16);
            lead.Property(l => l.Status).HasConversion<string>().HasMaxLength(16);
            lead.Property(l => l.UnqualifiedReason).HasMaxLength(LeadRules.ReasonMax);
            lead.Property(l => l.BudgetMin).HasPrecision(18, 2);
            lead.Property(l => l.BudgetMax).HasPrecision(18, 2);
            lead.Property(l => l.BudgetCurrency).HasMaxLength(3).IsFixedLength();
            lead.Property(l => l.InterestUnitType).HasMaxLength(LeadRules.UnitTypeMax);
            lead.Property(l => l.Notes).HasMaxLength(LeadRules.NotesMax);
            lead.PrimitiveCollection(l => l.Tags).HasColumnType("text[]");
            lead.Property(l => l.SearchText).HasComputedColumnSql(SearchTextSql, stored: true);
            lead.Property(l => l.Version).IsRowVersion();
            lead.ToTable(t =>
            {
                t.HasCheckConstraint("ck_leads_budget_range", "budget_min IS NULL OR budget_max IS NULL OR budget_min <= budget_max");
                t.HasCheckConstraint("ck_leads_budget_positive", "(budget_min IS NULL OR budget_min >= 0) AND (budget_max IS NULL OR budget_max >= 0)");
            });

            // Keyset lists: the default sort, the common filters, the other sorts.
            lead.HasIndex(l => new { l.TenantId, l.CreatedAt, l.Id }).HasDatabaseName("ix_leads_tenant_created").HasFilter(LiveRows);
            lead.HasIndex(l => new { l.TenantId, l.Status, l.CreatedAt, l.Id }).HasDatabaseName("ix_leads_tenant_status_created").HasFilter(LiveRows);
            lead.HasIndex(l => new { l.TenantId, l.OwnerId, l.CreatedAt, l.Id }).HasDatabaseName("ix_leads_tenant_owner_created").HasFilter(LiveRows);
            lead.HasIndex(l => new { l.TenantId, l.Source, l.CreatedAt, l.Id }).HasDatabaseName("ix_leads_tenant_source_created").HasFilter(LiveRows);
            lead.HasIndex(l => new { l.TenantId, l.UpdatedAt, l.Id }).HasDatabaseName("ix_leads_tenant_updated").HasFilter(LiveRows);
            lead.HasIndex(l => new { l.TenantId, l.FullName, l.Id }).HasDatabaseName("ix_leads_tenant_name").HasFilter(LiveRows);

            // Duplicate detection and conversion links.
            lead.HasIndex(l => new { l.TenantId, l.NormalizedEmail }).HasDatabaseName("ix_leads_tenant_email").HasFilter("normalized_email IS NOT NULL");
            lead.HasIndex(l => new { l.TenantId, l.Phone }).HasDatabaseName("ix_leads_tenant_phone").HasFilter("phone IS NOT NULL");
            lead.HasIndex(l => new { l.TenantId, l.ConvertedContactId }).HasDatabaseName("ix_leads_tenant_contact").HasFilter("converted_contact_id IS NOT NULL");

            // Contains search and tag filters: GIN, tenant first (btree_gin), then trigrams / array containment. Row-level
            // security keeps non-LEAKPROOF conditions (ILIKE, @>) from being index conditions, so these indexes serve the
            // SECURITY DEFINER function leads.match_lead_ids (see LeadSearch), not the RLS-protected queries.
            lead.HasIndex(l => new { l.TenantId, l.SearchText }).HasDatabaseName("ix_leads_tenant_search")
                .HasMethod("gin").HasOperators("uuid_ops", "gin_trgm_ops").HasFilter(LiveRows);
            lead.HasIndex(l => new { l.TenantId, l.Tags }).HasDatabaseName("ix_leads_tenant_tags")
                .HasMethod("gin").HasOperators("uuid_ops", "array_ops").HasFilter(LiveRows);
        });

        modelBuilder.Entity<AssignmentRule>(rule =>
        {
            rule.ToTable("assignment_rules");
            rule.HasKey(r => new { r.TenantId, r.Id });
            rule.Property(r => r.Name).HasMaxLength(AssignmentRule.NameMax);
            rule.PrimitiveCollection(r => r.Sources).HasColumnType("text[]").ElementType(e => e.HasConversion<string>());
            rule.PrimitiveCollection(r => r.UserIds).HasColumnType("uuid[]");
            rule.ToTable(t => t.HasCheckConstraint("ck_assignment_rules_members", "(group_id IS NULL) <> (cardinality(user_ids) = 0)"));
            rule.Property(r => r.Version).IsRowVersion();
            rule.HasIndex(r => new { r.TenantId, r.Priority, r.CreatedAt });
        });

        modelBuilder.Entity<AssignmentCursor>(cursor =>
        {
            cursor.ToTable("assignment_cursors");
            cursor.HasKey(c => new { c.TenantId, c.RuleId });
            cursor.HasOne<AssignmentRule>().WithOne().HasForeignKey<AssignmentCursor>(c => new { c.TenantId, c.RuleId }).OnDelete(DeleteBehavior.Cascade);
        });
    }
}

internal sealed class LeadsDesignTimeFactory : DesignTimeDbContextFactory<LeadsDbContext>;
