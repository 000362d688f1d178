using Npgsql;

namespace M3CoreCrm.BuildingBlocks.Data;

/// <summary>
/// The database the API talks to: a pooled data source for the runtime role (owns nothing, NOBYPASSRLS), and the
/// owner role's connection string, used only by the migrate command.
/// </summary>
public sealed class CrmDatabase : IAsyncDisposable
{
    public CrmDatabase(string runtimeConnectionString, string? ownerConnectionString)
    {
        Runtime = new NpgsqlDataSourceBuilder(runtimeConnectionString).Build();
        OwnerConnectionString = ownerConnectionString;
    }

    /// <summary>Connections as the runtime role; every one is tenant-scoped by <see cref="DbSession"/>.</summary>
    public NpgsqlDataSource Runtime { get; }

    public string? OwnerConnectionString { get; }

    public ValueTask DisposeAsync() => Runtime.DisposeAsync();
}
