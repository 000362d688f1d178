using System.Data.Common;
using FluentValidation;
using M3CoreCrm.BuildingBlocks.Authorization;
using M3CoreCrm.BuildingBlocks.Data;
using M3CoreCrm.Modules.Leads.Data;
using M3CoreCrm.Modules.Leads.Domain;
using M3CoreCrm.Modules.Leads.Features.AssignmentRules;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace M3CoreCrm.Modules.Leads.Features.Leads;

/// <summary>A row that was not created because its email or phone is already on a lead (of the tenant or an earlier row).</summary>
internal sealed record ImportDuplicate(int Row, Guid? ExistingId, string Field);

/// <summary>A row that was not created, with the reasons per column.</summary>
internal sealed record ImportRejection(int Row, IReadOnlyDictionary<string, string[]> Errors);

/// <summary>The outcome of an import: rows read, leads created, duplicate rows and rejected rows (by row number).</summary>
internal sealed record LeadImportReport(int Rows, int Created, IReadOnlyList<ImportDuplicate> Duplicates, IReadOnlyList<ImportRejection> Rejected);

/// <summary>
/// Imports validated rows in batches of <see cref="BatchSize"/>: each batch is one transaction (a savepoint when the
/// request already runs in one, as with Idempotency-Key) that locks the batch's duplicate buckets, skips duplicates,
/// assigns owners by round-robin and inserts the leads with their audit rows. A batch that fails is rolled back whole
/// and its rows are reported rejected; the batches before it stay.
/// </summary>
internal sealed class LeadImporter(
    LeadsDbContext db,
    UnitOfWork unitOfWork,
    AccessScope access,
    LeadDuplicateGuard duplicates,
    OwnerPolicy owners,
    RoundRobinAssigner assigner,
    IValidator<CreateLeadRequest> validator,
    TimeProvider clock,
    ILogger<LeadImporter> logger)
{
    internal const int BatchSize = 500;

    private sealed record Candidate(int Row, LeadDetails Details, Guid? Owner, bool OwnerDecided);

    public async Task<LeadImportReport> ImportAsync(IReadOnlyList<ImportRow> rows, bool allowDuplicate, CancellationToken cancellationToken)
    {
        var scope = await access.DemandAsync(LeadsPermissions.Import, cancellationToken);
        var self = (await access.PermissionsAsync(cancellationToken)).UserId;
        var rejected = new List<ImportRejection>();
        var candidates = new List<(int Row, CreateLeadRequest Request)>();
        foreach (var row in rows)
        {
            var errors = new Dictionary<string, string[]>();
            var request = LeadCsvReader.ToRequest(row, errors);
            var result = await validator.ValidateAsync(request, cancellationToken);
            foreach (var group in result.Errors.GroupBy(e => Column(e.PropertyName)))
            {
                errors.TryAdd(group.Key, group.Select(e => e.ErrorMessage).Distinct().ToArray());
            }

            if (errors.Count > 0)
            {
                rejected.Add(new ImportRejection(row.Row, errors));
            }
            else
            {
                candidates.Add((row.Row, request));
            }
        }

        var requestedOwners = candidates.Select(c => c.Request.OwnerId).OfType<Guid>().Distinct().ToList();
        var (allowed, outOfScope) = await owners.CheckManyAsync(requestedOwners, LeadsPermissions.Import, cancellationToken);
        var valid = new List<Candidate>();
        foreach (var (row, request) in candidates)
        {
            if (request.OwnerId is { } owner && !allowed.Contains(owner))
            {
                var message = outOfScope.Contains(owner)
                    ? $"Your '{LeadsPermissions.Import}' scope does not let you give leads to user {owner}."
                    : $"No active user {owner} exists in this tenant.";
                rejected.Add(new ImportRejection(row, new Dictionary<string, string[]> { ["ownerId"] = [message] }));
                continue;
            }

            var details = LeadFieldsValidator<CreateLeadRequest>.ToDetails(request);
            var decided = request.OwnerId is not null || scope == PermissionScope.Own;
            valid.Add(new Candidate(row, details, request.OwnerId ?? (scope == PermissionScope.Own ? self : null), decided));
        }

        var created = 0;
        var duplicateRows = new List<ImportDuplicate>();
        var seen = new Dictionary<string, Guid>(StringComparer.Ordinal);
        foreach (var batch in valid.Chunk(BatchSize))
        {
            try
            {
                var (count, found, keys) = await RunBatchAsync(batch, allowDuplicate, seen, cancellationToken);
                created += count;
                duplicateRows.AddRange(found);
                foreach (var (key, id) in keys)
                {
                    seen.TryAdd(key, id);
                }
            }
            catch (Exception ex) when (ex is DbException or DbUpdateException)
            {
                logger.LogWarning(ex, "Lead import batch of rows {First}-{Last} failed and was rolled back", batch[0].Row, batch[^1].Row);
                db.ChangeTracker.Clear();
                var error = new Dictionary<string, string[]>
                {
                    ["row"] = [$"The batch of rows {batch[0].Row}-{batch[^1].Row} could not be saved and was rolled back; import these rows again."],
                };
                rejected.AddRange(batch.Select(c => new ImportRejection(c.Row, error)));
            }
        }

        return new LeadImportReport(
            rows.Count,
            created,
            duplicateRows.OrderBy(d => d.Row).ToList(),
            rejected.OrderBy(r => r.Row).ToList());
    }

    private async Task<(int Created, List<ImportDuplicate> Duplicates, List<(string Key, Guid Id)> Keys)> RunBatchAsync(
        Candidate[] batch, bool allowDuplicate, IReadOnlyDictionary<string, Guid> seen, CancellationToken cancellationToken)
    {
        if (unitOfWork.Transaction is { } outer)
        {
            await outer.SaveAsync("lead_import_batch", cancellationToken);
            try
            {
                var result = await SaveBatchAsync(batch, allowDuplicate, seen, cancellationToken);
                await outer.ReleaseAsync("lead_import_batch", cancellationToken);
                return result;
            }
            catch
            {
                await outer.RollbackAsync("lead_import_batch", CancellationToken.None);
                throw;
            }
        }

        return await unitOfWork.InTransactionAsync(ct => SaveBatchAsync(batch, allowDuplicate, seen, ct), cancellationToken);
    }

    private async Task<(int Created, List<ImportDuplicate> Duplicates, List<(string Key, Guid Id)> Keys)> SaveBatchAsync(
        Candidate[] batch, bool allowDuplicate, IReadOnlyDictionary<string, Guid> seen, CancellationToken ct)
    {
        var duplicateRows = new List<ImportDuplicate>();
        var keys = new List<(string Key, Guid Id)>();
        var known = new Dictionary<string, Guid?>(StringComparer.Ordinal);
        if (!allowDuplicate)
        {
            var emails = batch.Select(c => c.Details.NormalizedEmail).OfType<string>().Distinct().ToList();
            var phones = batch.Select(c => c.Details.Phone).OfType<string>().Distinct().ToList();
            foreach (var (found, email, phone, owner) in await duplicates.LockAndFindAsync(emails, phones, null, ct))
            {
                // A lead the caller may not read is reported as a duplicate without its id.
                var id = await access.SeesAsync(LeadsPermissions.Read, owner, ct) ? found : (Guid?)null;
                if (email is not null)
                {
                    known.TryAdd(EmailKey(email), id);
                }

                if (phone is not null)
                {
                    known.TryAdd(PhoneKey(phone), id);
                }
            }
        }

        // Rows of this batch that repeat an earlier row of the batch point at that row's lead once it has an id.
        var accepted = new List<Candidate>();
        var pending = new Dictionary<string, Candidate>(StringComparer.Ordinal);
        var repeats = new List<(Candidate Row, Candidate Original, string Field)>();
        foreach (var candidate in batch)
        {
            var emailKey = candidate.Details.NormalizedEmail is { } email ? EmailKey(email) : null;
            var phoneKey = candidate.Details.Phone is { } phone ? PhoneKey(phone) : null;
            if (!allowDuplicate)
            {
                if (Existing(emailKey, known, seen) is (true, var byEmail))
                {
                    duplicateRows.Add(new ImportDuplicate(candidate.Row, byEmail, "email"));
                    continue;
                }

                if (Existing(phoneKey, known, seen) is (true, var byPhone))
                {
                    duplicateRows.Add(new ImportDuplicate(candidate.Row, byPhone, "phone"));
                    continue;
                }

                if (emailKey is not null && pending.TryGetValue(emailKey, out var sameEmail))
                {
                    repeats.Add((candidate, sameEmail, "email"));
                    continue;
                }

                if (phoneKey is not null && pending.TryGetValue(phoneKey, out var samePhone))
                {
                    repeats.Add((candidate, samePhone, "phone"));
                    continue;
                }
            }

            foreach (var key in new[] { emailKey, phoneKey }.OfType<string>())
            {
                pending.TryAdd(key, candidate);
            }

            accepted.Add(candidate);
        }

        var undecided = accepted.Where(c => !c.OwnerDecided).ToList();
        var assigned = await assigner.NextOwnersAsync(undecided.Select(c => c.Details.Source).ToList(), ct);
        var ownerOf = undecided.Select((c, i) => (c.Row, Owner: assigned[i])).ToDictionary(x => x.Row, x => x.Owner);

        var now = clock.GetUtcNow();
        var leadOf = new Dictionary<int, Guid>();
        foreach (var candidate in accepted)
        {
            var lead = Lead.Create(candidate.Details, candidate.OwnerDecided ? candidate.Owner : ownerOf[candidate.Row], now);
            db.Leads.Add(lead);
            leadOf[candidate.Row] = lead.Id;
        }

        duplicateRows.AddRange(repeats.Select(r => new ImportDuplicate(r.Row.Row, leadOf[r.Original.Row], r.Field)));
        keys.AddRange(pending.Select(p => (p.Key, leadOf[p.Value.Row])));

        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
        return (accepted.Count, duplicateRows, keys);
    }

    /// <summary>Whether the key is taken (by a lead of the tenant or an earlier row), and the id to report (null: not visible).</summary>
    private static (bool Taken, Guid? Id) Existing(string? key, Dictionary<string, Guid?> known, IReadOnlyDictionary<string, Guid> seen) =>
        key is null ? (false, null) : known.TryGetValue(key, out var id) ? (true, id) : seen.TryGetValue(key, out var earlier) ? (true, earlier) : (false, null);

    private static string EmailKey(string email) => "e:" + email;

    private static string PhoneKey(string phone) => "p:" + phone;

    /// <summary>Validator paths as the CSV names its columns: budget.min is budgetMin, tags[3] is tags.</summary>
    private static string Column(string propertyPath) => propertyPath switch
    {
        "Budget.Min" => "budgetMin",
        "Budget.Max" => "budgetMax",
        "Budget.Currency" => "currency",
        "Interest.ProjectId" => "projectId",
        "Interest.UnitType" => "unitType",
        "Interest.Bedrooms" => "bedrooms",
        _ when propertyPath.StartsWith("Tags", StringComparison.Ordinal) => "tags",
        _ => System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(propertyPath),
    };
}
