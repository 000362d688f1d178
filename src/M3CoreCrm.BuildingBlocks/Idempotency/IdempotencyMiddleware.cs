using System.Buffers;
using System.Security.Cryptography;
using M3CoreCrm.BuildingBlocks.Auditing;
using M3CoreCrm.BuildingBlocks.Data;
using M3CoreCrm.BuildingBlocks.Http;
using M3CoreCrm.BuildingBlocks.Security;
using M3CoreCrm.BuildingBlocks.Tenancy;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace M3CoreCrm.BuildingBlocks.Idempotency;

/// <summary>
/// <c>Idempotency-Key</c> on authenticated POSTs. The whole request runs in one transaction that also stores the
/// response, so a write and its record commit together: a crash loses both, and a retry runs it exactly once.
/// A transaction-scoped advisory lock on (tenant, caller, key) turns a concurrent retry into 409 at once.
/// </summary>
internal sealed class IdempotencyMiddleware(RequestDelegate next, TimeProvider clock)
{
    internal const string HeaderName = "Idempotency-Key";
    internal const string ReplayedHeader = "Idempotent-Replayed";
    private const int PurgedPerSave = 2;
    private static readonly TimeSpan Retention = TimeSpan.FromHours(24);

    public async Task InvokeAsync(HttpContext context, ITenantContext tenant, ICurrentActor actor)
    {
        var key = context.Request.Headers[HeaderName].ToString();
        if (!HttpMethods.IsPost(context.Request.Method) || key.Length == 0 || tenant.TenantId is null || actor.Id is null)
        {
            await next(context);
            return;
        }

        if (key.Length > 255 || key.Any(char.IsControl))
        {
            throw Problems.BadRequest("idempotency.invalid_key", "Idempotency-Key must be 1 to 255 printable characters.");
        }

        var unitOfWork = context.RequestServices.GetRequiredService<UnitOfWork>();
        var tenantId = tenant.TenantId.Value;
        var actorKey = $"{AuditTrail.ActorKindName(actor.Kind)}:{actor.Id}";
        var hash = await RequestHashAsync(context.Request);
        var ct = context.RequestAborted;

        // BEGIN, the tenant, the lock and the lookup travel together: one round trip before the endpoint runs.
        await using var transaction = await unitOfWork.BeginTransactionAsync(ct, tenantWithFirstBatch: true);
        try
        {
            var existing = await LockAndFindAsync(unitOfWork, tenantId, actorKey, key, ct);
            if (existing is not null && existing.ExpiresAt > clock.GetUtcNow())
            {
                if (!existing.RequestHash.AsSpan().SequenceEqual(hash))
                {
                    throw new ApiProblemException(StatusCodes.Status422UnprocessableEntity, "idempotency.key_reused", "Unprocessable",
                        "This Idempotency-Key was used for a different request.");
                }

                await transaction.CommitAsync(ct);
                if (existing.Body.Length == 0 && existing.StatusCode < 300 && CarriesSecret(context))
                {
                    throw new ApiProblemException(StatusCodes.Status409Conflict, "idempotency.secret_shown_once", "Conflict",
                        "This request succeeded before; its response held a secret, which is shown only once and is not replayed.",
                        new Dictionary<string, object?> { ["location"] = existing.Location });
                }

                await ReplayAsync(context.Response, existing, ct);
                return;
            }

            var captured = await ExecuteCapturedAsync(context, tenantId, actorKey, key, hash);
            if (captured is not { } done)
            {
                return;
            }

            await SaveAndCommitAsync(unitOfWork, done.Record, ct);
            await context.Response.Body.WriteAsync(done.Body, ct);
        }
        finally
        {
            unitOfWork.EndTransaction();
        }
    }

    /// <summary>
    /// Takes the transaction-scoped lock on (tenant, caller, key), 409 when a concurrent request holds it, and reads
    /// the stored record. Both statements go in one batch; the lookup's snapshot starts after the lock is taken.
    /// </summary>
    private static async Task<IdempotencyRecord?> LockAndFindAsync(UnitOfWork unitOfWork, Guid tenantId, string actorKey, string key, CancellationToken ct)
    {
        var batch = new NpgsqlBatch
        {
            BatchCommands =
            {
                SqlStatement.Of("SELECT pg_try_advisory_xact_lock(hashtextextended($1, 0))", $"{tenantId}|{actorKey}|{key}"),
                SqlStatement.Of(
                    """
                    SELECT request_hash, status_code, content_type, location, e_tag, body, created_at, expires_at
                    FROM shared.idempotency_records WHERE tenant_id = $1 AND actor_key = $2 AND key = $3
                    """, tenantId, actorKey, key),
            },
        };
        await using var reader = await unitOfWork.ExecuteBatchAsync(batch, ct);
        if (!await reader.ReadAsync(ct) || !reader.GetBoolean(0))
        {
            throw new ApiProblemException(StatusCodes.Status409Conflict, "idempotency.in_flight", "Conflict",
                "A request with this Idempotency-Key is still being processed; retry later.") { RetryAfterSeconds = 1 };
        }

        if (!await reader.NextResultAsync(ct) || !await reader.ReadAsync(ct))
        {
            return null;
        }

        return new IdempotencyRecord
        {
            TenantId = tenantId,
            ActorKey = actorKey,
            Key = key,
            RequestHash = reader.GetFieldValue<byte[]>(0),
            StatusCode = reader.GetInt32(1),
            ContentType = reader.IsDBNull(2) ? null : reader.GetString(2),
            Location = reader.IsDBNull(3) ? null : reader.GetString(3),
            ETag = reader.IsDBNull(4) ? null : reader.GetString(4),
            Body = reader.GetFieldValue<byte[]>(5),
            CreatedAt = reader.GetFieldValue<DateTimeOffset>(6),
            ExpiresAt = reader.GetFieldValue<DateTimeOffset>(7),
        };
    }

    /// <summary>
    /// Stores the record, replacing an expired one under the same key (the lock is held), deletes up to
    /// <see cref="PurgedPerSave"/> of the tenant's expired records, and commits: one round trip. Each keyed POST
    /// removing more expired records than it adds keeps the table at about a day of keys without a job that would
    /// have to cross tenants under row-level security; rows another request holds are skipped, never waited for.
    /// </summary>
    private static async Task SaveAndCommitAsync(UnitOfWork unitOfWork, IdempotencyRecord record, CancellationToken ct)
    {
        var batch = new NpgsqlBatch
        {
            BatchCommands =
            {
                SqlStatement.Of(
                    """
                    INSERT INTO shared.idempotency_records
                        (tenant_id, actor_key, key, request_hash, status_code, content_type, location, e_tag, body, created_at, expires_at)
                    VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
                    ON CONFLICT (tenant_id, actor_key, key) DO UPDATE SET
                        request_hash = excluded.request_hash, status_code = excluded.status_code, content_type = excluded.content_type,
                        location = excluded.location, e_tag = excluded.e_tag, body = excluded.body,
                        created_at = excluded.created_at, expires_at = excluded.expires_at
                    """,
                    record.TenantId, record.ActorKey, record.Key, record.RequestHash, record.StatusCode, record.ContentType,
                    record.Location, record.ETag, record.Body, record.CreatedAt, record.ExpiresAt),
                SqlStatement.Of(
                    """
                    DELETE FROM shared.idempotency_records WHERE ctid = ANY (ARRAY(
                        SELECT ctid FROM shared.idempotency_records WHERE tenant_id = $1 AND expires_at <= $2
                        ORDER BY expires_at LIMIT $3 FOR UPDATE SKIP LOCKED))
                    """, record.TenantId, record.CreatedAt, PurgedPerSave),
            },
        };
        await unitOfWork.CommitWithAsync(batch, ct);
    }

    private static bool CarriesSecret(HttpContext context) => context.GetEndpoint()?.Metadata.GetMetadata<CarriesSecretMetadata>() is not null;

    /// <summary>
    /// Runs the endpoint with its response buffered: the record to store and the body to send; null when it failed
    /// (5xx), which rolls back. A success of an endpoint that <see cref="CarriesSecret"/> is stored without its body.
    /// </summary>
    private async Task<(IdempotencyRecord Record, byte[] Body)?> ExecuteCapturedAsync(HttpContext context, Guid tenantId, string actorKey, string key, byte[] hash)
    {
        var original = context.Response.Body;
        await using var buffer = new MemoryStream();
        context.Response.Body = buffer;
        try
        {
            await next(context);
        }
        finally
        {
            context.Response.Body = original;
        }

        var body = buffer.ToArray();
        if (context.Response.StatusCode >= 500)
        {
            await original.WriteAsync(body, context.RequestAborted);
            return null;
        }

        var now = clock.GetUtcNow();
        var stored = context.Response.StatusCode < 300 && CarriesSecret(context) ? [] : body;
        return (new IdempotencyRecord
        {
            TenantId = tenantId,
            ActorKey = actorKey,
            Key = key,
            RequestHash = hash,
            StatusCode = context.Response.StatusCode,
            ContentType = context.Response.ContentType,
            Location = context.Response.Headers.Location.ToString() is { Length: > 0 } location ? location : null,
            ETag = context.Response.Headers.ETag.ToString() is { Length: > 0 } etag ? etag : null,
            Body = stored,
            CreatedAt = now,
            ExpiresAt = now + Retention,
        }, body);
    }

    private static async Task ReplayAsync(HttpResponse response, IdempotencyRecord record, CancellationToken ct)
    {
        response.StatusCode = record.StatusCode;
        response.ContentType = record.ContentType;
        if (record.Location is not null)
        {
            response.Headers.Location = record.Location;
        }

        if (record.ETag is not null)
        {
            response.Headers.ETag = record.ETag;
        }

        response.Headers[ReplayedHeader] = "true";
        await response.Body.WriteAsync(record.Body, ct);
    }

    /// <summary>SHA-256 of method, path, query and body: the same key with another request is refused.</summary>
    private static async Task<byte[]> RequestHashAsync(HttpRequest request)
    {
        request.EnableBuffering();
        using var hasher = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hasher.AppendData(System.Text.Encoding.UTF8.GetBytes($"{request.Method} {request.Path}{request.QueryString}\n"));
        var chunk = ArrayPool<byte>.Shared.Rent(8192);
        try
        {
            int read;
            while ((read = await request.Body.ReadAsync(chunk, request.HttpContext.RequestAborted)) > 0)
            {
                hasher.AppendData(chunk, 0, read);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }

        request.Body.Position = 0;
        return hasher.GetHashAndReset();
    }
}
