using System.Text.Json;
using M3CoreCrm.BuildingBlocks.Auditing;
using M3CoreCrm.BuildingBlocks.Security;
using M3CoreCrm.UnitTests.BuildingBlocks.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using Npgsql;

namespace M3CoreCrm.UnitTests.BuildingBlocks.Auditing;

/// <summary>The audit rows one SaveChanges writes: one per changed tenant-owned row, field by field, without secrets.</summary>
public sealed class AuditTrailCollectTests : IDisposable
{
    private static readonly Guid Tenant = Guid.CreateVersion7();
    private static readonly Guid UserId = Guid.CreateVersion7();
    private static readonly DateTimeOffset Now = new(2026, 11, 28, 12, 0, 0, TimeSpan.Zero);

    private readonly ProbeDbContext _db = ProbeDbContext.ForTenant(Tenant, new ProbeActor(ActorKind.User, UserId), new FakeTimeProvider(Now));

    public void Dispose() => _db.Dispose();

    private List<AuditEntry> Collect() => AuditTrail.Collect(_db.ChangeTracker, _db.Dependencies);

    private static IEnumerable<Exception> Chain(Exception? error)
    {
        for (; error is not null; error = error.InnerException)
        {
            yield return error;
        }
    }

    private static JsonElement ChangesOf(AuditEntry entry) => JsonDocument.Parse(entry.Changes!).RootElement;

    private ProbeNote Existing(string title = "old title", DateTimeOffset? deletedAt = null)
    {
        var note = new ProbeNote { TenantId = Tenant, Title = title, DeletedAt = deletedAt };
        _db.Attach(note);
        return note;
    }

    [Fact]
    public void A_created_row_is_recorded_with_who_when_and_its_values()
    {
        var note = new ProbeNote { TenantId = Tenant, Title = "first call" };
        _db.Add(note);

        var entry = Assert.Single(Collect());

        Assert.Equal(("created", "probeNote", note.Id.ToString()), (entry.Action, entry.EntityType, entry.EntityId));
        Assert.Equal((Tenant, Now), (entry.TenantId, entry.OccurredAt));
        Assert.Equal(("user", (Guid?)UserId), (entry.ActorKind, entry.ActorId));
        Assert.Equal(("203.0.113.9", "corr-1"), (entry.IpAddress, entry.CorrelationId));
        Assert.Equal("first call", ChangesOf(entry).GetProperty("title").GetProperty("new").GetString());
    }

    [Fact]
    public void Secrets_tenant_and_not_audited_fields_never_reach_the_log()
    {
        _db.Add(new ProbeNote { TenantId = Tenant, Title = "t", PasswordHash = "argon2id$hash", Remark = "private" });

        var changes = Assert.Single(Collect()).Changes!;

        Assert.DoesNotContain("argon2id", changes, StringComparison.Ordinal);
        Assert.DoesNotContain("private", changes, StringComparison.Ordinal);
        Assert.DoesNotContain("tenantId", changes, StringComparison.Ordinal);
    }

    [Fact]
    public void An_update_records_only_the_changed_fields_with_old_and_new()
    {
        var note = Existing();
        note.Title = "new title";

        var entry = Assert.Single(Collect());

        Assert.Equal("updated", entry.Action);
        var title = ChangesOf(entry).GetProperty("title");
        Assert.Equal(("old title", "new title"), (title.GetProperty("old").GetString(), title.GetProperty("new").GetString()));
        Assert.Single(ChangesOf(entry).EnumerateObject());
    }

    [Fact]
    public void An_update_that_changes_nothing_is_not_recorded()
    {
        var note = Existing();
        _db.Entry(note).Property(n => n.Title).IsModified = true;

        Assert.Empty(Collect());
    }

    [Fact]
    public void Soft_delete_and_restore_are_named_as_such()
    {
        var deleted = Existing();
        deleted.DeletedAt = Now;
        var restored = Existing(deletedAt: Now.AddDays(-1));
        restored.DeletedAt = null;

        var entries = Collect();

        Assert.Equal("deleted", entries.Single(e => e.EntityId == deleted.Id.ToString()).Action);
        Assert.Equal("restored", entries.Single(e => e.EntityId == restored.Id.ToString()).Action);
    }

    [Fact]
    public void A_hard_delete_is_recorded()
    {
        _db.Remove(Existing());

        Assert.Equal("deleted", Assert.Single(Collect()).Action);
    }

    [Fact]
    public void Entities_marked_not_audited_are_skipped()
    {
        _db.Add(new ProbeSession { TenantId = Tenant });

        Assert.Empty(Collect());
    }

    [Fact]
    public void A_row_keyed_without_an_id_is_recorded_by_its_key_without_the_tenant()
    {
        var noteId = Guid.CreateVersion7();
        _db.Add(new ProbeNoteTag { TenantId = Tenant, NoteId = noteId, Tag = "vip" });

        var entry = Assert.Single(Collect());

        Assert.Equal(("created", "probeNoteTag"), (entry.Action, entry.EntityType));
        Assert.Contains(noteId.ToString(), entry.EntityId, StringComparison.Ordinal);
        Assert.Contains("vip", entry.EntityId, StringComparison.Ordinal);
        Assert.DoesNotContain(Tenant.ToString(), entry.EntityId, StringComparison.Ordinal);
    }

    [Fact]
    public void Unchanged_rows_are_not_recorded()
    {
        Existing();

        Assert.Empty(Collect());
    }

    [Fact]
    public async Task Save_adds_the_audit_rows_to_the_same_unit_of_work()
    {
        _db.Add(new ProbeNote { TenantId = Tenant, Title = "t" });

        // The rows are added before the connection opens (which fails here: the probe has no database).
        var error = await Assert.ThrowsAnyAsync<Exception>(() => _db.SaveChangesAsync());
        Assert.Contains(Chain(error), e => e is NpgsqlException);

        Assert.Single(_db.ChangeTracker.Entries<AuditEntry>(), e => e.State == EntityState.Added);
    }
}
