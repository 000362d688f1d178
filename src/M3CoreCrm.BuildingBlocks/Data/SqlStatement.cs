using Npgsql;

namespace M3CoreCrm.BuildingBlocks.Data;

/// <summary>Statements for <see cref="UnitOfWork.ExecuteBatchAsync"/>: raw SQL with positional parameters ($1, $2, ...).</summary>
public static class SqlStatement
{
    /// <summary>One statement of a batch; a null parameter is sent as SQL NULL.</summary>
    public static NpgsqlBatchCommand Of(string sql, params object?[] parameters)
    {
        var statement = new NpgsqlBatchCommand(sql);
        foreach (var value in parameters)
        {
            statement.Parameters.Add(new NpgsqlParameter { Value = value ?? DBNull.Value });
        }

        return statement;
    }
}
