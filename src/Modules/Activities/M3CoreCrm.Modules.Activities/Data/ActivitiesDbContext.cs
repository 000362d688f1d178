using M3CoreCrm.BuildingBlocks.Auditing;
using M3CoreCrm.BuildingBlocks.Data;
using M3CoreCrm.Modules.Activities.Domain;
using Microsoft.EntityFrameworkCore;

namespace M3CoreCrm.Modules.Activities.Data;

/// <summary>
/// The "activities" schema: activities and tasks, each with its targets in a table of its own indexed by
/// (tenant_id, target_type, target_id) so a record's timeline and a merge find their rows by index. Lists are keyset
/// indexes leading with tenant_id and ending with the id. It also reads shared.audit_entries (mapped by every module
/// context, created by the shared one) for the timeline's field changes.
/// </summary>
internal sealed class ActivitiesDbContext(DbContextOptions<ActivitiesDbContext> options)
    : ModuleDbContext(options), IModuleSchema
{
    public static string SchemaName => "activities";

    internal const string LiveRows = "deleted_at IS NULL";

    public override string Schema => SchemaName;

    public DbSet<Activity> Activities => Set<Activity>();

    public DbSet<ActivityTarget> ActivityTargets => Set<ActivityTarget>();

    public DbSet<TaskItem> Tasks => Set<TaskItem>();

    public DbSet<TaskTarget> TaskTargets => Set<TaskTarget>();

    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();

    protected override void ConfigureModel(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Activity>(activity =>
        {
            activity.ToTable("activities", t => t.HasCheckConstraint("ck_activities_duration", "duration_minutes IS NULL OR duration_minutes >= 0"));
            activity.HasKey(a => new { a.TenantId, a.Id });
            activity.Property(a => a.Type).HasConversion<string>().HasMaxLength(16);
            activity.Property(a => a.Direction).HasConversion<string>().HasMaxLength(16);
            activity.Property(a => a.Outcome).HasConversion<string>().HasMaxLength(16);
            activity.Property(a => a.Subject).HasMaxLength(Limits.Subject);
            activity.Property(a => a.Body).HasMaxLength(Limits.Body);
            activity.Property(a => a.ParticipantUserIds).HasColumnType("uuid[]");
            activity.Property(a => a.ParticipantContactIds).HasColumnType("uuid[]");
            activity.Property(a => a.Version).IsRowVersion();
            activity.HasMany(a => a.Targets).WithOne()
                .HasForeignKey(t => new { t.TenantId, t.ActivityId })
                .OnDelete(DeleteBehavior.Cascade);
            activity.Navigation(a => a.Targets).AutoInclude();
            activity.HasIndex(a => new { a.TenantId, a.OccurredAt, a.Id }).HasFilter(LiveRows);
            activity.HasIndex(a => new { a.TenantId, a.CreatedAt, a.Id }).HasFilter(LiveRows);
            activity.HasIndex(a => new { a.TenantId, a.OwnerId, a.OccurredAt, a.Id }).HasFilter(LiveRows);
            activity.HasIndex(a => new { a.TenantId, a.TaskId }).HasFilter("task_id IS NOT NULL");
        });

        modelBuilder.Entity<ActivityTarget>(target =>
        {
            target.ToTable("activity_targets");
            target.HasKey(t => new { t.TenantId, t.ActivityId, t.TargetType, t.TargetId });
            target.Property(t => t.TargetType).HasMaxLength(16);
            target.Ignore(t => t.Ref);
            target.HasIndex(t => new { t.TenantId, t.TargetType, t.TargetId });
        });

        modelBuilder.Entity<TaskItem>(task =>
        {
            task.ToTable("tasks");
            task.HasKey(t => new { t.TenantId, t.Id });
            task.Property(t => t.Title).HasMaxLength(Limits.Title);
            task.Property(t => t.Description).HasMaxLength(Limits.Body);
            task.Property(t => t.Priority).HasConversion<string>().HasMaxLength(16);
            task.Property(t => t.Status).HasConversion<string>().HasMaxLength(16);
            task.Property(t => t.Version).IsRowVersion();
            task.HasMany(t => t.Targets).WithOne()
                .HasForeignKey(t => new { t.TenantId, t.TaskId })
                .OnDelete(DeleteBehavior.Cascade);
            task.Navigation(t => t.Targets).AutoInclude();
            task.HasIndex(t => new { t.TenantId, t.DueAt, t.Id }).HasFilter(LiveRows);
            task.HasIndex(t => new { t.TenantId, t.CreatedAt, t.Id }).HasFilter(LiveRows);
            task.HasIndex(t => new { t.TenantId, t.AssigneeId, t.Status, t.DueAt, t.Id }).HasFilter(LiveRows);
        });

        modelBuilder.Entity<TaskTarget>(target =>
        {
            target.ToTable("task_targets");
            target.HasKey(t => new { t.TenantId, t.TaskId, t.TargetType, t.TargetId });
            target.Property(t => t.TargetType).HasMaxLength(16);
            target.Ignore(t => t.Ref);
            target.HasIndex(t => new { t.TenantId, t.TargetType, t.TargetId });
        });
    }
}

/// <summary>Column limits, shared by the model and the validators.</summary>
internal static class Limits
{
    internal const int Subject = 200;
    internal const int Title = 200;
    internal const int Body = 10_000;
    internal const int Participants = 50;
}

internal sealed class ActivitiesDesignTimeFactory : DesignTimeDbContextFactory<ActivitiesDbContext>;
