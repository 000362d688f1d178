using Microsoft.EntityFrameworkCore;

namespace M3CoreCrm.BuildingBlocks.Data;

/// <summary>A soft-deletable record that deletes and restores itself (its own rules, like "a sold unit stays", run there).</summary>
public interface IRestorable : ISoftDeletable
{
    void SoftDelete(DateTimeOffset now);

    void Restore(DateTimeOffset now);
}

/// <summary>Soft delete and restore with the save, the same in every module; checks between records stay in the module.</summary>
public static class SoftDeletion
{
    public static async Task SoftDeleteAsync<T>(this DbContext db, T record, DateTimeOffset now, CancellationToken ct)
        where T : IRestorable
    {
        record.SoftDelete(now);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Restores a deleted record and saves; a live one stays as it is (restore is idempotent).</summary>
    public static async Task RestoreAsync<T>(this DbContext db, T record, DateTimeOffset now, CancellationToken ct)
        where T : IRestorable
    {
        if (record.DeletedAt is not null)
        {
            record.Restore(now);
            await db.SaveChangesAsync(ct);
        }
    }
}
