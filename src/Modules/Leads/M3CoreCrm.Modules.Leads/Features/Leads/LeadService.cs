using System.Text.Json;
using FluentValidation;
using M3CoreCrm.BuildingBlocks.Authorization;
using M3CoreCrm.BuildingBlocks.Data;
using M3CoreCrm.BuildingBlocks.Http;
using M3CoreCrm.BuildingBlocks.Validation;
using M3CoreCrm.Modules.Leads.Data;
using M3CoreCrm.Modules.Leads.Domain;
using M3CoreCrm.Modules.Leads.Features.AssignmentRules;
using Microsoft.AspNetCore.Http;

namespace M3CoreCrm.Modules.Leads.Features.Leads;

/// <summary>Creating and changing leads: the use cases the single, batch and CSV endpoints share.</summary>
internal sealed class LeadService(
    LeadsDbContext db,
    UnitOfWork unitOfWork,
    LeadQueries finder,
    LeadDuplicateGuard duplicates,
    OwnerPolicy owners,
    AccessScope access,
    RoundRobinAssigner assigner,
    IValidator<CreateLeadRequest> createValidator,
    IValidator<LeadEdit> editValidator,
    TimeProvider clock)
{
    /// <summary>
    /// Validates, checks duplicates (unless allowed) and the owner, assigns by round-robin when no owner is given,
    /// and inserts the lead with its audit row, all in one transaction.
    /// </summary>
    public async Task<Lead> CreateAsync(CreateLeadRequest request, bool allowDuplicate, bool validated, CancellationToken cancellationToken)
    {
        if (!validated)
        {
            await createValidator.EnsureValidAsync(request, cancellationToken);
        }

        var details = LeadFieldsValidator<CreateLeadRequest>.ToDetails(request);
        var (owner, decided) = await OwnerOfNewLeadAsync(request.OwnerId, cancellationToken);
        return await unitOfWork.InTransactionAsync(async ct =>
        {
            // The rules ride in the duplicate check's batch when there is one.
            var rules = decided ? null : assigner.ActiveRules();
            if (!allowDuplicate)
            {
                await duplicates.LockAndEnsureUniqueAsync(details.NormalizedEmail, details.Phone, null, ct, rules);
            }
            else if (rules is not null)
            {
                await unitOfWork.ReadAsync(rules, ct);
            }

            if (rules is not null)
            {
                owner = (await assigner.NextOwnersAsync([details.Source], rules.Rules, ct))[0];
            }

            var lead = Lead.Create(details, owner, clock.GetUtcNow());
            db.Leads.Add(lead);

            // Nothing catches a failed insert of a new lead: its transaction is rolled back whole.
            await db.SaveChangesWithoutSavepointAsync(ct);
            return lead;
        }, cancellationToken);
    }

    /// <summary>
    /// The owner of a new lead: the requested one when allowed (403 outside the scope, 400 for no active user); else
    /// the caller for own scope; else null, left to the round-robin rules.
    /// </summary>
    private async Task<(Guid? Owner, bool Decided)> OwnerOfNewLeadAsync(Guid? requested, CancellationToken cancellationToken)
    {
        var scope = await access.DemandAsync(LeadsPermissions.Create, cancellationToken);
        if (requested is null)
        {
            return scope == PermissionScope.Own ? ((await access.PermissionsAsync(cancellationToken)).UserId, true) : (null, false);
        }

        await owners.EnsureAllowedAsync(requested, LeadsPermissions.Create, "lead", "ownerId", cancellationToken);
        return (requested, true);
    }

    /// <summary>
    /// Applies a JSON merge patch to the lead's editable representation, validates the result like a create, checks
    /// If-Match (<paramref name="expectedVersion"/>) and, when the email or phone changes, duplicates.
    /// </summary>
    public async Task<Lead> PatchAsync(Guid id, JsonElement patch, uint? expectedVersion, bool allowDuplicate, CancellationToken cancellationToken)
    {
        var lead = await finder.FindAsync(id, LeadsPermissions.Update, tracked: true, cancellationToken);
        if (expectedVersion is { } expected && expected != lead.Version)
        {
            throw Problems.PreconditionFailed("The lead has changed since it was read; fetch it again and retry.");
        }

        var edit = MergePatch.Apply(LeadEdit.From(lead), patch);
        await editValidator.EnsureValidAsync(edit, cancellationToken);
        var details = LeadFieldsValidator<LeadEdit>.ToDetails(edit);
        var emailChanged = details.NormalizedEmail is not null && details.NormalizedEmail != lead.NormalizedEmail;
        var phoneChanged = details.Phone is not null && details.Phone != lead.Phone;
        return await unitOfWork.InTransactionAsync(async ct =>
        {
            if (!allowDuplicate && (emailChanged || phoneChanged))
            {
                var email = emailChanged ? details.NormalizedEmail : null;
                var phone = phoneChanged ? details.Phone : null;
                await duplicates.LockAndEnsureUniqueAsync(email, phone, lead.Id, ct);
            }

            lead.Update(details, clock.GetUtcNow());
            await db.SaveChangesAsync(ct);
            return lead;
        }, cancellationToken);
    }

    /// <summary>Soft-deletes a lead within the caller's leads.delete scope, at the version If-Match names (412).</summary>
    public async Task DeleteAsync(Guid id, HttpRequest request, CancellationToken cancellationToken)
    {
        var lead = await finder.FindAsync(id, LeadsPermissions.Delete, tracked: true, cancellationToken);
        ETags.EnsureMatches(request, lead.Version);
        lead.Delete(clock.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Brings a soft-deleted lead back, within the caller's leads.delete scope, at the version If-Match names.</summary>
    public async Task<Lead> RestoreAsync(Guid id, HttpRequest request, CancellationToken cancellationToken)
    {
        var lead = await finder.FindDeletedAsync(id, LeadsPermissions.Delete, cancellationToken);
        ETags.EnsureMatches(request, lead.Version);
        lead.Restore(clock.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        return lead;
    }

    /// <summary>Moves a lead along an allowed transition (409 otherwise), at the version If-Match names.</summary>
    public async Task<Lead> ChangeStatusAsync(Guid id, LeadStatus status, string? reason, HttpRequest request, CancellationToken cancellationToken)
    {
        var lead = await finder.FindAsync(id, LeadsPermissions.Update, tracked: true, cancellationToken);
        ETags.EnsureMatches(request, lead.Version);
        lead.ChangeStatus(status, reason, clock.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        return lead;
    }

    /// <summary>Hands a lead to an active user within the caller's leads.assign scope, at the version If-Match names.</summary>
    public async Task<Lead> AssignAsync(Guid id, Guid userId, HttpRequest request, CancellationToken cancellationToken)
    {
        var lead = await finder.FindAsync(id, LeadsPermissions.Assign, tracked: true, cancellationToken);
        ETags.EnsureMatches(request, lead.Version);
        await owners.EnsureAllowedAsync(userId, LeadsPermissions.Assign, "lead", "userId", cancellationToken);
        lead.AssignTo(userId, clock.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        return lead;
    }

    /// <summary>Creates (no id) or merge-patches (with id) up to 100 leads, each succeeding or failing alone.</summary>
    public async Task<BatchResponse> BatchAsync(IReadOnlyList<LeadBatchItem>? items, bool allowDuplicate, CancellationToken cancellationToken)
    {
        if (items is null)
        {
            throw Problems.BadRequest("batch.invalid_size", $"A batch holds 1 to {Batch.MaxItems} records.");
        }

        // With an Idempotency-Key every record runs in the request's one transaction: keep its locks bounded, and take
        // them all at once, in order, so that concurrent batches never deadlock on each other's buckets.
        duplicates.LockWholeBuckets();
        if (unitOfWork.Transaction is not null && !allowDuplicate)
        {
            var (emails, phones) = ContactValuesOf(items);
            await duplicates.LockBucketsUpFrontAsync(emails, phones, cancellationToken);
        }

        return await Batch.RunAsync(items, db, async (item, token) =>
        {
            if (item.Id is { } id)
            {
                var updated = await PatchAsync(id, item.Data, expectedVersion: null, allowDuplicate, token);
                return (StatusCodes.Status200OK, updated.Id);
            }

            var created = await CreateAsync(NewLeadOf(item.Data), allowDuplicate, validated: false, token);
            return (StatusCodes.Status201Created, created.Id);
        }, cancellationToken);
    }

    /// <summary>The normalized emails and phones the records carry (as their checks will lock them); malformed ones are skipped.</summary>
    private static (List<string> Emails, List<string> Phones) ContactValuesOf(IReadOnlyList<LeadBatchItem> items)
    {
        var emails = new List<string>();
        var phones = new List<string>();
        foreach (var data in items.Select(i => i?.Data ?? default).Where(d => d.ValueKind == JsonValueKind.Object))
        {
            if (data.TryGetProperty("email", out var email) && email.ValueKind == JsonValueKind.String && LeadRules.Trimmed(email.GetString()) is { } address)
            {
                emails.Add(LeadRules.NormalizeEmail(address));
            }

            if (data.TryGetProperty("phone", out var phone) && phone.ValueKind == JsonValueKind.String
                && LeadRules.Trimmed(phone.GetString()) is { } raw && LeadRules.TryNormalizePhone(raw, out var e164))
            {
                phones.Add(e164);
            }
        }

        return (emails, phones);
    }

    private static CreateLeadRequest NewLeadOf(JsonElement data)
    {
        if (data.ValueKind != JsonValueKind.Object)
        {
            throw Problems.BadRequest("request.invalid", "data must be a JSON object: the new lead.");
        }

        try
        {
            return data.Deserialize<CreateLeadRequest>(CrmJson.Options)
                ?? throw Problems.BadRequest("request.invalid", "data must be a JSON object: the new lead.");
        }
        catch (JsonException ex)
        {
            throw Problems.BadRequest("request.invalid", $"data is not a valid lead: {(ex.Path is { Length: > 0 } path ? $"problem at '{path}'" : "malformed")}.");
        }
    }
}
