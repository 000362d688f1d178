using M3CoreCrm.BuildingBlocks.Data;
using M3CoreCrm.Modules.Deals.Data;
using M3CoreCrm.Modules.Deals.Domain;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace M3CoreCrm.Modules.Deals.Features.Pipelines;

/// <summary>
/// The pipeline every tenant starts with: a real-estate sale from the first inquiry to the signed contract. Seeded
/// when a tenant is provisioned, and lazily for tenants that existed before this module (on the first read of
/// pipelines), under a transaction-scoped advisory lock so two first requests seed it once.
/// </summary>
internal static class DefaultPipeline
{
    internal const string Name = "Real-estate sales";
    internal const string WonName = "Won";
    internal const string LostName = "Lost";

    internal static readonly StageDraft[] OpenStages =
    [
        new("New inquiry", 10, 3),
        new("Qualified", 20, 7),
        new("Site visit", 40, 7),
        new("Offer", 60, 10),
        new("Reservation", 80, 14),
        new("Contract", 90, 21),
    ];

    internal static Pipeline Create(DateTimeOffset now) =>
        Pipeline.Create(Name, OpenStages, WonName, LostName, [], isDefault: true, now);

    /// <summary>Creates the default pipeline when the current tenant has no pipeline at all.</summary>
    internal static async Task EnsureAsync(DealsDbContext db, UnitOfWork unitOfWork, Guid tenantId, DateTimeOffset now, CancellationToken ct) =>
        await unitOfWork.InTransactionAsync(async token =>
        {
            await using (var command = new NpgsqlCommand("SELECT pg_advisory_xact_lock(hashtextextended($1, 0))", unitOfWork.Connection))
            {
                command.Parameters.Add(new NpgsqlParameter { Value = $"deals.default-pipeline|{tenantId}" });
                await command.ExecuteNonQueryAsync(token);
            }

            if (!await db.Pipelines.IgnoreAutoIncludes().AnyAsync(token))
            {
                db.Pipelines.Add(Create(now));
                await db.SaveChangesAsync(token);
            }

            return true;
        }, ct);
}
