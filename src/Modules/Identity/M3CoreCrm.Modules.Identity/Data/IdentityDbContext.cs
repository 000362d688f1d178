using M3CoreCrm.BuildingBlocks.Data;
using M3CoreCrm.Modules.Identity.Domain;
using Microsoft.EntityFrameworkCore;

namespace M3CoreCrm.Modules.Identity.Data;

internal sealed class IdentityDbContext(DbContextOptions<IdentityDbContext> options)
    : ModuleDbContext(options), IModuleSchema
{
    public static string SchemaName => "identity";

    public override string Schema => SchemaName;

    public DbSet<User> Users => Set<User>();

    public DbSet<Session> Sessions => Set<Session>();

    public DbSet<RefreshToken> RefreshTokens => Set<RefreshToken>();

    public DbSet<LoginThrottle> LoginThrottles => Set<LoginThrottle>();

    public DbSet<Role> Roles => Set<Role>();

    public DbSet<RoleGrant> RoleGrants => Set<RoleGrant>();

    public DbSet<UserRole> UserRoles => Set<UserRole>();

    public DbSet<Group> Groups => Set<Group>();

    public DbSet<GroupMember> GroupMembers => Set<GroupMember>();

    public DbSet<ApiKey> ApiKeys => Set<ApiKey>();

    protected override void ConfigureModel(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<User>(user =>
        {
            user.ToTable("users");
            user.HasKey(u => new { u.TenantId, u.Id });
            user.Property(u => u.Email).HasMaxLength(254);
            user.Property(u => u.NormalizedEmail).HasMaxLength(254);
            user.HasIndex(u => new { u.TenantId, u.NormalizedEmail }).IsUnique();
            user.Property(u => u.DisplayName).HasMaxLength(200);
            user.HasIndex(u => new { u.TenantId, u.DisplayName, u.Id });
            user.Property(u => u.Status).HasConversion<string>().HasMaxLength(16);
            user.Property(u => u.PasswordHash).HasMaxLength(256);
            user.Property(u => u.Version).IsRowVersion();
        });

        modelBuilder.Entity<Session>(session =>
        {
            session.ToTable("sessions");
            session.HasKey(s => new { s.TenantId, s.Id });
            session.HasIndex(s => new { s.TenantId, s.UserId });
            session.Property(s => s.UserAgent).HasMaxLength(256);
            session.Property(s => s.IpAddress).HasMaxLength(64);
            session.Property(s => s.RevokeReason).HasMaxLength(64);
            session.HasOne<User>().WithMany().HasForeignKey(s => new { s.TenantId, s.UserId });
        });

        modelBuilder.Entity<RefreshToken>(token =>
        {
            token.ToTable("refresh_tokens");
            token.HasKey(t => new { t.TenantId, t.Id });
            token.HasIndex(t => new { t.TenantId, t.TokenHash }).IsUnique();
            token.HasIndex(t => new { t.TenantId, t.SessionId });
            token.HasOne<Session>().WithMany().HasForeignKey(t => new { t.TenantId, t.SessionId });
        });

        modelBuilder.Entity<LoginThrottle>(throttle =>
        {
            throttle.ToTable("login_throttles");
            throttle.HasKey(t => new { t.TenantId, t.NormalizedEmail });
            throttle.Property(t => t.NormalizedEmail).HasMaxLength(254);
        });

        modelBuilder.Entity<Role>(role =>
        {
            role.ToTable("roles");
            role.HasKey(r => new { r.TenantId, r.Id });
            role.Property(r => r.Name).HasMaxLength(64);
            role.HasIndex(r => new { r.TenantId, r.Name }).IsUnique();
            role.Property(r => r.Description).HasMaxLength(500);
            role.Property(r => r.Version).IsRowVersion();
            role.HasMany(r => r.Grants).WithOne().HasForeignKey(g => new { g.TenantId, g.RoleId }).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<RoleGrant>(grant =>
        {
            grant.ToTable("role_grants");
            grant.HasKey(g => new { g.TenantId, g.RoleId, g.Permission });
            grant.Property(g => g.Permission).HasMaxLength(64);
            grant.Property(g => g.Scope).HasConversion<string>().HasMaxLength(8);
        });

        modelBuilder.Entity<UserRole>(membership =>
        {
            membership.ToTable("user_roles");
            membership.HasKey(m => new { m.TenantId, m.UserId, m.RoleId });
            membership.HasOne<User>().WithMany().HasForeignKey(m => new { m.TenantId, m.UserId }).OnDelete(DeleteBehavior.Cascade);
            membership.HasOne<Role>().WithMany().HasForeignKey(m => new { m.TenantId, m.RoleId }).OnDelete(DeleteBehavior.Restrict);
        });

        modelBuilder.Entity<Group>(group =>
        {
            group.ToTable("groups");
            group.HasKey(g => new { g.TenantId, g.Id });
            group.Property(g => g.Name).HasMaxLength(100);
            group.HasIndex(g => new { g.TenantId, g.Name }).IsUnique();
            group.Property(g => g.Description).HasMaxLength(500);
            group.Property(g => g.Version).IsRowVersion();
        });

        modelBuilder.Entity<GroupMember>(member =>
        {
            member.ToTable("group_members");
            member.HasKey(m => new { m.TenantId, m.GroupId, m.UserId });
            member.HasIndex(m => new { m.TenantId, m.UserId });
            member.HasOne<Group>().WithMany().HasForeignKey(m => new { m.TenantId, m.GroupId }).OnDelete(DeleteBehavior.Cascade);
            member.HasOne<User>().WithMany().HasForeignKey(m => new { m.TenantId, m.UserId }).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<ApiKey>(key =>
        {
            key.ToTable("api_keys");
            key.HasKey(k => new { k.TenantId, k.Id });
            key.Property(k => k.Name).HasMaxLength(100);
            key.Property(k => k.Hint).HasMaxLength(16);
            key.HasIndex(k => new { k.TenantId, k.SecretHash }).IsUnique();
            key.HasIndex(k => new { k.TenantId, k.CreatedAt, k.Id });
            // No foreign key to the role on purpose: revoked and expired keys stay for the audit trail and must not pin
            // their role; a role that a live key holds cannot be deleted (409 role.in_use).
            key.HasIndex(k => new { k.TenantId, k.RoleId });
        });
    }
}

internal sealed class IdentityDesignTimeFactory : DesignTimeDbContextFactory<IdentityDbContext>;
