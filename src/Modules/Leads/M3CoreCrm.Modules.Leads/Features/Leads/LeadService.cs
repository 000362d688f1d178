using System.Text.Json;
using FluentValidation;
using M3CoreCrm.BuildingBlocks.Authorization;
using M3CoreCrm.BuildingBlocks.Data;
using M3CoreCrm.BuildingBlocks.Http;
using M3CoreCrm.BuildingBlocks.Validation;
using M3CoreCrm.Modules.Leads.Data;
using M3CoreCrm.Modules.Leads.Domain;
using M3CoreCrm.Modules.Leads.Features.AssignmentRules;

namespace M3CoreCrm.Modules.Leads.Features.Leads;

/// <summary>Creating and changing leads: the use cases the single, batch and CSV endpoints share.</summary>
internal sealed class LeadService(
    LeadsDbContext db,
    UnitOfWork session,
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
        return await session.InTransactionAsync(async ct =>
        {
            // The rules ride in the duplicate check's batch when there is one.
            var rules = decided ? null : assigner.ActiveRules();
            if (!allowDuplicate)
            {
                await duplicates.LockAndEnsureUniqueAsync(details.NormalizedEmail, details.Phone, null, ct, rules);
            }
            else if (rules is not null)
            {
                await session.ReadAsync(rules, ct);
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
        return await session.InTransactionAsync(async ct =>
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
}
