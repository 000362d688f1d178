using M3CoreCrm.BuildingBlocks.Data;
using Npgsql;

namespace M3CoreCrm.Modules.Leads.Services;

/// <summary>Raw SQL on the unit of work's connection (tenant set, in its transaction when one is open).</summary>
internal static class DbCommands
{
    internal static async Task<NpgsqlCommand> CreateAsync(DbSession session, string sql, CancellationToken cancellationToken, params object[] parameters)
    {
        var connection = await session.OpenAsync(cancellationToken);
        var command = new NpgsqlCommand(sql, connection, session.Transaction);
        foreach (var value in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        }

        return command;
    }
}
