using M3CoreCrm.BuildingBlocks.Data;
using Microsoft.EntityFrameworkCore;

namespace M3CoreCrm.UnitTests.BuildingBlocks.Data;

/// <summary>The application-layer half of tenant isolation on writes: stamp new rows, refuse other tenants' rows.</summary>
public sealed class TenantStampTests
{
    private static readonly Guid Mine = Guid.CreateVersion7();
    private static readonly Guid Theirs = Guid.CreateVersion7();

    private static void AssertRefusedAsAnotherTenant(ProbeDbContext db)
    {
        var error = Assert.Throws<InvalidOperationException>(() => TenantStamp.Apply(db.ChangeTracker, Mine));
        Assert.Contains("another tenant", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_new_row_without_a_tenant_gets_the_current_tenant()
    {
        using var db = ProbeDbContext.ForTenant(Mine);
        var note = new ProbeNote { Title = "call back" };
        db.Add(note);

        TenantStamp.Apply(db.ChangeTracker, Mine);

        Assert.Equal(Mine, note.TenantId);
    }

    [Fact]
    public void A_new_row_of_the_current_tenant_is_accepted()
    {
        using var db = ProbeDbContext.ForTenant(Mine);
        db.Add(new ProbeNote { TenantId = Mine });

        TenantStamp.Apply(db.ChangeTracker, Mine);
    }

    [Fact]
    public void A_new_row_of_another_tenant_is_refused()
    {
        using var db = ProbeDbContext.ForTenant(Mine);
        db.Add(new ProbeNote { TenantId = Theirs });

        AssertRefusedAsAnotherTenant(db);
    }

    [Theory]
    [InlineData(EntityState.Modified)]
    [InlineData(EntityState.Deleted)]
    public void Changing_or_deleting_a_row_of_another_tenant_is_refused(EntityState state)
    {
        using var db = ProbeDbContext.ForTenant(Mine);
        db.Entry(new ProbeNote { TenantId = Theirs }).State = state;

        AssertRefusedAsAnotherTenant(db);
    }

    [Fact]
    public void Moving_a_row_to_another_tenant_is_refused()
    {
        using var db = ProbeDbContext.ForTenant(Mine);
        var note = new ProbeNote { TenantId = Mine };
        db.Attach(note);
        note.TenantId = Theirs;

        AssertRefusedAsAnotherTenant(db);
    }

    [Fact]
    public void Taking_over_a_row_of_another_tenant_is_refused()
    {
        using var db = ProbeDbContext.ForTenant(Mine);
        var note = new ProbeNote { TenantId = Theirs };
        db.Attach(note);
        note.TenantId = Mine;

        AssertRefusedAsAnotherTenant(db);
    }

    [Fact]
    public void Adding_without_a_tenant_is_refused()
    {
        using var db = ProbeDbContext.ForTenant(null);

        // The tenant id generator runs when the row is added, before any save.
        var error = Assert.Throws<InvalidOperationException>(() => db.Add(new ProbeNote()));
        Assert.Contains("requires a tenant", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Saving_a_row_added_with_a_tenant_after_the_tenant_is_gone_is_refused()
    {
        using var db = ProbeDbContext.ForTenant(Mine);
        db.Add(new ProbeNote());

        var error = Assert.Throws<InvalidOperationException>(() => TenantStamp.Apply(db.ChangeTracker, null));
        Assert.Contains("requires a tenant", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unchanged_rows_are_left_alone()
    {
        using var db = ProbeDbContext.ForTenant(Mine);
        db.Attach(new ProbeNote { TenantId = Theirs });

        TenantStamp.Apply(db.ChangeTracker, Mine);
    }

    [Fact]
    public async Task SaveChanges_checks_tenants_before_anything_reaches_the_database()
    {
        // The probe's connection string points nowhere: the refusal must come first.
        await using var db = ProbeDbContext.ForTenant(Mine);
        db.Add(new ProbeNote { TenantId = Theirs });

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync());
        Assert.Contains("another tenant", error.Message, StringComparison.Ordinal);
        Assert.Null(error.InnerException);
    }

    [Fact]
    public void Synchronous_SaveChanges_is_refused()
    {
        using var db = ProbeDbContext.ForTenant(Mine);

        Assert.Throws<NotSupportedException>(() => db.SaveChanges());
    }
}
