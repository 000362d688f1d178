using System.Data;
using M3CoreCrm.BuildingBlocks.Tenancy;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace M3CoreCrm.BuildingBlocks.Data;

/// <summary>
/// One database connection per unit of work, shared by every module's DbContext and by raw SQL, so that a use case
/// writing in two modules can run in one transaction. Whoever opens it, the tenant is set right after the open.
/// </summary>
public sealed class DbSession(CrmDatabase database, ITenantContext tenant) : IAsyncDisposable
{
    private readonly List<DbContext> _enlisted = [];
    private NpgsqlConnection? _connection;

    public NpgsqlConnection Connection => _connection ??= database.Runtime.CreateConnection();

    /// <summary>The unit of work's transaction, when one is open; module contexts enlist in it on save.</summary>
    public NpgsqlTransaction? Transaction { get; private set; }

    internal Guid? TenantId => tenant.TenantId;

    /// <summary>Opens the connection (setting the tenant) if it is not open yet.</summary>
    public async Task<NpgsqlConnection> OpenAsync(CancellationToken cancellationToken)
    {
        if (Connection.State != ConnectionState.Open)
        {
            await Connection.OpenAsync(cancellationToken);
            await TenantSession.ApplyAsync(Connection, tenant.TenantId, cancellationToken);
        }

        return Connection;
    }

    /// <summary>
    /// Runs <paramref name="work"/> in the unit of work's transaction: joins the open one, or begins, commits and
    /// (on any exception) rolls back a new one.
    /// </summary>
    public async Task<T> InTransactionAsync<T>(Func<CancellationToken, Task<T>> work, CancellationToken cancellationToken)
    {
        if (Transaction is not null)
        {
            return await work(cancellationToken);
        }

        await using var transaction = await BeginTransactionAsync(cancellationToken);
        try
        {
            var result = await work(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return result;
        }
        finally
        {
            EndTransaction();
        }
    }

    /// <summary>Begins the unit of work's transaction; the caller commits or disposes it.</summary>
    public async Task<NpgsqlTransaction> BeginTransactionAsync(CancellationToken cancellationToken)
    {
        if (Transaction is not null)
        {
            throw new InvalidOperationException("The unit of work already has a transaction.");
        }

        var connection = await OpenAsync(cancellationToken);
        Transaction = await connection.BeginTransactionAsync(IsolationLevel.ReadCommitted, cancellationToken);
        return Transaction;
    }

    /// <summary>
    /// Forgets the transaction (committed or rolled back by its owner) and detaches the contexts that joined it, so
    /// their next command runs outside it.
    /// </summary>
    public void EndTransaction()
    {
        Transaction = null;
        foreach (var context in _enlisted)
        {
            context.Database.UseTransaction(null);
        }

        _enlisted.Clear();
    }

    /// <summary>Called by a module context that joined the transaction.</summary>
    internal void Enlisted(DbContext context) => _enlisted.Add(context);

    public async ValueTask DisposeAsync()
    {
        if (_connection is not null)
        {
            await _connection.DisposeAsync();
        }
    }
}
