using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace M3CoreCrm.BuildingBlocks.Data;

/// <summary>
/// Npgsql writes a DateTimeOffset to timestamptz only at offset 0 and throws otherwise, so a caller's local time (a
/// list filter like createdTo=2026-06-15T10:00:00+14:00, or a due date in a body) would fail the command with a 500.
/// timestamptz stores the instant alone: converting to UTC first keeps the meaning and drops nothing.
/// </summary>
internal sealed class UtcTimestampInterceptor : DbCommandInterceptor
{
    internal static readonly UtcTimestampInterceptor Instance = new();

    private UtcTimestampInterceptor()
    {
    }

    /// <summary>Once per command, after EF set its text and parameters, whatever way it is then executed.</summary>
    public override DbCommand CommandInitialized(CommandEndEventData eventData, DbCommand result)
    {
        ToUtc(result);
        return result;
    }

    private static void ToUtc(DbCommand command)
    {
        foreach (DbParameter parameter in command.Parameters)
        {
            if (parameter.Value is DateTimeOffset { Offset.Ticks: not 0 } local)
            {
                parameter.Value = local.ToUniversalTime();
            }
        }
    }
}
