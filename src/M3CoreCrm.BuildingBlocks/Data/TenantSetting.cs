using Npgsql;

namespace M3CoreCrm.BuildingBlocks.Data;

/// <summary>
/// Sets <c>app.tenant_id</c>, read by every row-level security policy, on a freshly opened connection.
/// Session-level on purpose: the value lives as long as the unit of work keeps the connection open. The pool does
/// not reset connections (see <see cref="CrmDatabase"/>), so every unit of work sets it again before its first
/// statement, to its tenant or to nothing.
/// </summary>
internal static class TenantSetting
{
    internal const string SettingName = "app.tenant_id";

    private const string Sql = "SELECT set_config('app.tenant_id', $1, false)";

    internal static async Task ApplyAsync(NpgsqlConnection connection, Guid? tenantId, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(Sql, connection);
        command.Parameters.Add(Value(tenantId));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>The setting as the first statement of a batch, ahead of the query it scopes.</summary>
    internal static NpgsqlBatchCommand BatchCommand(Guid? tenantId)
    {
        var command = new NpgsqlBatchCommand(Sql);
        command.Parameters.Add(Value(tenantId));
        return command;
    }

    internal static void Apply(NpgsqlConnection connection, Guid? tenantId)
    {
        using var command = new NpgsqlCommand(Sql, connection);
        command.Parameters.Add(Value(tenantId));
        command.ExecuteNonQuery();
    }

    /// <summary>The setting's value: the tenant, or empty for none (every policy then matches no row).</summary>
    private static NpgsqlParameter Value(Guid? tenantId) => new() { Value = tenantId?.ToString() ?? string.Empty };
}
