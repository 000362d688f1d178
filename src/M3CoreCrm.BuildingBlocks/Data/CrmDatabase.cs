using Npgsql;

namespace M3CoreCrm.BuildingBlocks.Data;

/// <summary>
/// The database the API talks to: a pooled data source for the runtime role (owns nothing, NOBYPASSRLS), and the
/// owner role's connection string, used only by the migrate command.
/// </summary>
public sealed class CrmDatabase : IAsyncDisposable
{
    internal const int DefaultMaxAutoPrepare = 200;

    public CrmDatabase(string runtimeConnectionString, string? ownerConnectionString)
    {
        var builder = new NpgsqlDataSourceBuilder(runtimeConnectionString);
        if (builder.ConnectionStringBuilder.MaxAutoPrepare == 0)
        {
            // The API runs the same few hundred statements all day: prepared once per connection, PostgreSQL skips
            // parsing and planning them (a third more GET-by-id throughput in bench/). A connection string may
            // still set its own value.
            builder.ConnectionStringBuilder.MaxAutoPrepare = DefaultMaxAutoPrepare;
        }

        // One generic plan per prepared statement: PostgreSQL's default re-plans a statement on every execution when a
        // parameter's value looks selective (a tenant's common status, a LIMIT), which was a third of its CPU per
        // list page in bench/; the plans are the same index scans. Constant LIMITs (Keyset.TakeAtLeast) keep them so.
        if (builder.ConnectionStringBuilder.Options?.Contains("plan_cache_mode", StringComparison.Ordinal) != true)
        {
            builder.ConnectionStringBuilder.Options = $"{builder.ConnectionStringBuilder.Options} -c plan_cache_mode=force_generic_plan".Trim();
        }

        // No reset (RESET ALL and more) when a connection returns to the pool: it cost a quarter of PostgreSQL's CPU
        // per read in bench/. The only session state the API sets is the tenant, and UnitOfWork sets it (or clears
        // it) before the first statement of every unit of work (PooledConnectionTests); transactions left open are
        // still rolled back by the pool.
        builder.ConnectionStringBuilder.NoResetOnClose = true;
        Runtime = builder.Build();
        OwnerConnectionString = ownerConnectionString;
    }

    /// <summary>Connections as the runtime role; every one is tenant-scoped by <see cref="UnitOfWork"/>.</summary>
    public NpgsqlDataSource Runtime { get; }

    public string? OwnerConnectionString { get; }

    public ValueTask DisposeAsync() => Runtime.DisposeAsync();
}
