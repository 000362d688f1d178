using System.Data;
using M3CoreCrm.BuildingBlocks.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;

namespace M3CoreCrm.BuildingBlocks.Data;

/// <summary>
/// One database connection per unit of work, shared by every module's DbContext and by raw SQL, so that a use case
/// writing in two modules can run in one transaction. Once opened it stays open until the scope ends. Whoever opens
/// it, the tenant is set right after the open, and set again before the next command whenever the unit of work's
/// tenant differs from the one last set on the connection.
/// </summary>
public sealed class UnitOfWork(CrmDatabase database, ITenantContext tenant) : IAsyncDisposable
{
    private readonly List<DbContext> _enlisted = [];
    private NpgsqlConnection? _connection;
    private bool _tenantApplied;
    private Guid? _appliedTenant;
    private bool _appliedInTransaction;

    public NpgsqlConnection Connection => _connection ??= database.Runtime.CreateConnection();

    /// <summary>The unit of work's transaction, when one is open; module contexts enlist in it on save.</summary>
    public NpgsqlTransaction? Transaction { get; private set; }

    internal Guid? TenantId => tenant.TenantId;

    /// <summary>The unit of work of the module context behind an EF Core event; null for tooling contexts.</summary>
    internal static UnitOfWork? Of(DbContextEventData eventData) =>
        (eventData.Context as ModuleDbContext)?.Dependencies.UnitOfWork;

    /// <summary>Opens the connection (setting the tenant) if it is not open yet, or sets a tenant resolved since.</summary>
    public async Task<NpgsqlConnection> OpenAsync(CancellationToken cancellationToken)
    {
        if (Connection.State != ConnectionState.Open)
        {
            await Connection.OpenAsync(cancellationToken);
            await ApplyTenantAsync(Connection, inTransaction: false, cancellationToken);
        }
        else if (!TenantIsCurrent(Transaction is not null))
        {
            await ApplyTenantAsync(Connection, Transaction is not null, cancellationToken);
        }

        return Connection;
    }

    /// <summary>
    /// Whether the connection carries the unit of work's tenant. A value set inside a transaction is undone if that
    /// transaction rolls back, so once outside it the value counts as unknown and is set again (rare, cheap).
    /// </summary>
    internal bool TenantIsCurrent(bool inTransaction) =>
        _tenantApplied && _appliedTenant == tenant.TenantId && (inTransaction || !_appliedInTransaction);

    internal async Task ApplyTenantAsync(NpgsqlConnection connection, bool inTransaction, CancellationToken cancellationToken)
    {
        var tenantId = tenant.TenantId;
        _tenantApplied = false;
        await TenantSetting.ApplyAsync(connection, tenantId, cancellationToken);
        Applied(tenantId, inTransaction);
    }

    /// <summary>
    /// Runs a query outside a transaction as one batch behind <c>set_config</c>: returns its reader positioned on the
    /// query's rows. The batch runs in one implicit transaction, so a failing query undoes the setting too.
    /// </summary>
    internal Task<NpgsqlDataReader> ReadWithTenantAsync(NpgsqlCommand query, CancellationToken cancellationToken)
    {
        var statement = new NpgsqlBatchCommand(query.CommandText);
        foreach (NpgsqlParameter parameter in query.Parameters)
        {
            statement.Parameters.Add(parameter.Clone());
        }

        return ExecuteBatchAsync(new NpgsqlBatch { Timeout = query.CommandTimeout, BatchCommands = { statement } }, cancellationToken);
    }

    /// <summary>
    /// Runs <paramref name="batch"/> on the unit of work's connection, in its transaction when one is open: its
    /// statements go in one round trip. When the connection does not carry the tenant yet, the batch starts with its
    /// <c>set_config</c> (counted as set only once the batch has answered). Returns the reader positioned on the
    /// first statement's result.
    /// </summary>
    public async Task<NpgsqlDataReader> ExecuteBatchAsync(NpgsqlBatch batch, CancellationToken cancellationToken)
    {
        await OpenWithoutTenantAsync(cancellationToken);
        batch.Connection = Connection;
        batch.Transaction = Transaction;
        var inTransaction = Transaction is not null;
        if (TenantIsCurrent(inTransaction))
        {
            return await batch.ExecuteReaderAsync(cancellationToken);
        }

        var tenantId = tenant.TenantId;
        _tenantApplied = false;
        batch.BatchCommands.Insert(0, TenantSetting.BatchCommand(tenantId));
        var reader = await batch.ExecuteReaderAsync(cancellationToken);
        try
        {
            await reader.NextResultAsync(cancellationToken);
        }
        catch
        {
            await reader.DisposeAsync();
            throw;
        }

        Applied(tenantId, inTransaction);
        return reader;
    }

    /// <summary>Runs <paramref name="query"/> on its own (one round trip).</summary>
    public async Task ReadAsync(IBatchedQuery query, CancellationToken cancellationToken)
    {
        await using var reader = await ExecuteBatchAsync(new NpgsqlBatch { BatchCommands = { query.Statement() } }, cancellationToken);
        await query.ReadAsync(reader, cancellationToken);
    }

    private async Task OpenWithoutTenantAsync(CancellationToken cancellationToken)
    {
        if (Connection.State != ConnectionState.Open)
        {
            await Connection.OpenAsync(cancellationToken);
            _tenantApplied = false;
        }
    }

    /// <summary>After an open: the connection may carry another unit of work's tenant; the next command sets this one's.</summary>
    internal void TenantCleared() => _tenantApplied = false;

    internal void ApplyTenant(NpgsqlConnection connection, bool inTransaction)
    {
        var tenantId = tenant.TenantId;
        _tenantApplied = false;
        TenantSetting.Apply(connection, tenantId);
        Applied(tenantId, inTransaction);
    }

    private void Applied(Guid? tenantId, bool inTransaction)
    {
        _appliedTenant = tenantId;
        _appliedInTransaction = inTransaction;
        _tenantApplied = true;
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

    /// <summary>
    /// Begins the unit of work's transaction; the caller commits or disposes it. With
    /// <paramref name="tenantWithFirstBatch"/> the tenant is not set on the way (one round trip less): the caller's
    /// first statement must then be an <see cref="ExecuteBatchAsync"/>, which carries it.
    /// </summary>
    public async Task<NpgsqlTransaction> BeginTransactionAsync(CancellationToken cancellationToken, bool tenantWithFirstBatch = false)
    {
        if (Transaction is not null)
        {
            throw new InvalidOperationException("The unit of work already has a transaction.");
        }

        if (tenantWithFirstBatch)
        {
            await OpenWithoutTenantAsync(cancellationToken);
        }
        else
        {
            await OpenAsync(cancellationToken);
        }

        Transaction = await Connection.BeginTransactionAsync(IsolationLevel.ReadCommitted, cancellationToken);
        return Transaction;
    }

    /// <summary>
    /// Runs <paramref name="batch"/> and commits the unit of work's transaction in the same round trip: COMMIT is the
    /// batch's last statement. When a statement fails, PostgreSQL skips the rest of the batch, COMMIT included, and
    /// the transaction stays open for its owner to roll back. Npgsql follows the server's transaction status, so the
    /// transaction counts as completed afterwards.
    /// </summary>
    public async Task CommitWithAsync(NpgsqlBatch batch, CancellationToken cancellationToken)
    {
        if (Transaction is null)
        {
            throw new InvalidOperationException("The unit of work has no transaction to commit.");
        }

        batch.BatchCommands.Add(new NpgsqlBatchCommand("COMMIT"));
        await using (var reader = await ExecuteBatchAsync(batch, cancellationToken))
        {
            while (await reader.NextResultAsync(cancellationToken))
            {
            }
        }
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
            // Returns the kept-open connection to the pool; the next unit of work on it sets its own tenant first.
            await _connection.DisposeAsync();
            _tenantApplied = false;
        }
    }
}
