using M3CoreCrm.BuildingBlocks.Http;
using Microsoft.EntityFrameworkCore;

namespace M3CoreCrm.BuildingBlocks.Data;

/// <summary>Finding one record by id the same way in every module: 404 <c>{entity}.not_found</c> when it is not there.</summary>
public static class RecordQueries
{
    /// <summary>
    /// With <paramref name="includeDeleted"/>, the query sees soft-deleted rows too (for restore); the tenant filter
    /// always stays.
    /// </summary>
    public static IQueryable<T> IncludingDeleted<T>(this IQueryable<T> query, bool includeDeleted)
        where T : class, ISoftDeletable =>
        includeDeleted ? query.IgnoreQueryFilters([QueryFilters.SoftDelete]) : query;

    /// <summary>The record of <paramref name="query"/> with this id, or 404 naming <paramref name="entity"/> and the id.</summary>
    public static async Task<T> FindOrNotFoundAsync<T>(this IQueryable<T> query, Guid id, string entity, CancellationToken ct)
        where T : class, IEntity =>
        await query.FirstOrDefaultAsync(e => e.Id == id, ct) ?? throw Problems.NotFound(entity, id);

    /// <summary>Like <see cref="FindOrNotFoundAsync{T}(IQueryable{T}, Guid, string, CancellationToken)"/>, deleted records included on request.</summary>
    public static Task<T> FindOrNotFoundAsync<T>(this IQueryable<T> query, Guid id, string entity, bool includeDeleted, CancellationToken ct)
        where T : class, IEntity, ISoftDeletable =>
        query.IncludingDeleted(includeDeleted).FindOrNotFoundAsync(id, entity, ct);
}
