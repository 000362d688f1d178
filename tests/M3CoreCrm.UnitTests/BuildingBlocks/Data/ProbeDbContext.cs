using M3CoreCrm.BuildingBlocks.Data;
using M3CoreCrm.BuildingBlocks.Security;
using M3CoreCrm.BuildingBlocks.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace M3CoreCrm.UnitTests.BuildingBlocks.Data;

/// <summary>
/// A module context of the tests, configured as the host configures one. Only its change tracker is used: EF Core
/// builds the model and tracks entities without opening a connection; a save
/// that gets as far as the database fails fast (port 1 refuses).
/// </summary>
internal sealed class ProbeDbContext(DbContextOptions options)
    : ModuleDbContext(options)
{
    public override string Schema => "probe";

    protected override void ConfigureModel(ModelBuilder modelBuilder)
    {
        // Keyed by Id alone (tenant first in its index instead): EF then lets TenantId change, so the tests reach
        // TenantStamp's own checks rather than EF's refusal to modify a key.
        modelBuilder.Entity<ProbeNote>(note =>
        {
            note.HasKey(n => n.Id);
            note.HasIndex(n => new { n.TenantId, n.Title });
        });
        modelBuilder.Entity<ProbeNoteTag>().HasKey(t => new { t.TenantId, t.NoteId, t.Tag });
        modelBuilder.Entity<ProbeSession>().HasKey(s => new { s.TenantId, s.Id });
    }

    internal static ProbeDbContext Create(ITenantContext tenant, ICurrentActor actor, TimeProvider clock)
    {
        var options = new DbContextOptionsBuilder<ProbeDbContext>();
        ModuleDbContextRegistration.Configure(options, "Host=127.0.0.1;Port=1;Database=none;Timeout=2", "probe");
        var context = new ProbeDbContext(options.Options);
        context.Bind(new ModuleDbContextDependencies(tenant, actor, clock));
        return context;
    }

    internal static ProbeDbContext ForTenant(Guid? tenantId, ICurrentActor? actor = null, FakeTimeProvider? clock = null)
    {
        var tenant = new TenantContext();
        if (tenantId is { } id)
        {
            tenant.SetTenant(id);
        }

        return Create(tenant, actor ?? SystemActor.Instance, clock ?? new FakeTimeProvider());
    }
}

internal sealed class ProbeNote : ITenantOwned, ISoftDeletable
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid TenantId { get; set; }

    public string Title { get; set; } = string.Empty;

    public string? PasswordHash { get; set; }

    [NotAudited]
    public string? Remark { get; set; }

    public DateTimeOffset? DeletedAt { get; set; }
}

/// <summary>A join row keyed by its two ends: it has no "Id".</summary>
internal sealed class ProbeNoteTag : ITenantOwned
{
    public Guid TenantId { get; set; }

    public Guid NoteId { get; set; }

    public string Tag { get; set; } = string.Empty;
}

[NotAudited]
internal sealed class ProbeSession : ITenantOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid TenantId { get; set; }
}

internal sealed class ProbeActor(ActorKind kind, Guid? id) : ICurrentActor
{
    public ActorKind Kind => kind;

    public Guid? Id => id;

    public Guid? UserId => kind == ActorKind.User ? id : null;

    public Guid? SessionId => null;

    public string? IpAddress => "203.0.113.9";

    public string? CorrelationId => "corr-1";
}
