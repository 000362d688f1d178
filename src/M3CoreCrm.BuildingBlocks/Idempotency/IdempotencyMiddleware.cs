using System.Security.Cryptography;
using M3CoreCrm.BuildingBlocks.Auditing;
using M3CoreCrm.BuildingBlocks.Data;
using M3CoreCrm.BuildingBlocks.Http;
using M3CoreCrm.BuildingBlocks.Security;
using M3CoreCrm.BuildingBlocks.Tenancy;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
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

        var session = context.RequestServices.GetRequiredService<DbSession>();
        var db = context.RequestServices.GetRequiredService<SharedDbContext>();
        var actorKey = $"{AuditTrail.ActorKindName(actor.Kind)}:{actor.Id}";
        var hash = await RequestHashAsync(context.Request);
        var ct = context.RequestAborted;

        await using var transaction = await session.BeginTransactionAsync(ct);
        try
        {
            if (!await TryLockAsync(session.Connection, $"{tenant.TenantId}|{actorKey}|{key}", ct))
            {
                throw new ApiProblemException(StatusCodes.Status409Conflict, "idempotency.in_flight", "Conflict",
                    "A request with this Idempotency-Key is still being processed; retry later.") { RetryAfterSeconds = 1 };
            }

            var existing = await db.IdempotencyRecords.AsNoTracking()
                .FirstOrDefaultAsync(r => r.ActorKey == actorKey && r.Key == key, ct);
            if (existing is not null && existing.ExpiresAt > clock.GetUtcNow())
            {
                if (!existing.RequestHash.AsSpan().SequenceEqual(hash))
                {
                    throw new ApiProblemException(StatusCodes.Status422UnprocessableEntity, "idempotency.key_reused", "Unprocessable",
                        "This Idempotency-Key was used for a different request.");
                }

                await transaction.CommitAsync(ct);
                await ReplayAsync(context.Response, existing, ct);
                return;
            }

            if (existing is not null)
            {
                await db.IdempotencyRecords.Where(r => r.ActorKey == actorKey && r.Key == key).ExecuteDeleteAsync(ct);
            }

            var record = await ExecuteCapturedAsync(context, actorKey, key, hash);
            if (record is null)
            {
                return;
            }

            db.IdempotencyRecords.Add(record);
            await db.SaveChangesWithoutSavepointAsync(ct);
            await transaction.CommitAsync(ct);
            await context.Response.Body.WriteAsync(record.Body, ct);
        }
        finally
        {
            session.EndTransaction();
        }
    }

    /// <summary>Runs the endpoint with its response buffered; null when it failed (5xx), which rolls back.</summary>
    private async Task<IdempotencyRecord?> ExecuteCapturedAsync(HttpContext context, string actorKey, string key, byte[] hash)
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
        return new IdempotencyRecord
        {
            ActorKey = actorKey,
            Key = key,
            RequestHash = hash,
            StatusCode = context.Response.StatusCode,
            ContentType = context.Response.ContentType,
            Location = context.Response.Headers.Location.ToString() is { Length: > 0 } location ? location : null,
            ETag = context.Response.Headers.ETag.ToString() is { Length: > 0 } etag ? etag : null,
            Body = body,
            CreatedAt = now,
            ExpiresAt = now + Retention,
        };
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

    private static async Task<bool> TryLockAsync(NpgsqlConnection connection, string lockKey, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand("SELECT pg_try_advisory_xact_lock(hashtextextended($1, 0))", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = lockKey });
        return (bool)(await command.ExecuteScalarAsync(ct))!;
    }

    /// <summary>SHA-256 of method, path, query and body: the same key with another request is refused.</summary>
    private static async Task<byte[]> RequestHashAsync(HttpRequest request)
    {
        request.EnableBuffering();
        using var hasher = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hasher.AppendData(System.Text.Encoding.UTF8.GetBytes($"{request.Method} {request.Path}{request.QueryString}\n"));
        var chunk = new byte[8192];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, request.HttpContext.RequestAborted)) > 0)
        {
            hasher.AppendData(chunk, 0, read);
        }

        request.Body.Position = 0;
        return hasher.GetHashAndReset();
    }
}
