using Npgsql;

namespace M3CoreCrm.BuildingBlocks.Data;

/// <summary>
/// A query that can travel in another statement batch of the same unit of work, saving its own round trip: the
/// batch's owner adds <see cref="Statement"/> last and hands the reader over once it stands on its result set.
/// </summary>
public interface IBatchedQuery
{
    NpgsqlBatchCommand Statement();

    /// <summary>Reads the rows of the query's result set (the reader stands on it).</summary>
    Task ReadAsync(NpgsqlDataReader reader, CancellationToken cancellationToken);
}
