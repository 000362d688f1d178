using System.Text.Json;
using FluentValidation;
using M3CoreCrm.BuildingBlocks.Auditing;
using M3CoreCrm.BuildingBlocks.Authorization;
using M3CoreCrm.BuildingBlocks.Data;
using M3CoreCrm.BuildingBlocks.Events;
using M3CoreCrm.BuildingBlocks.Http;
using M3CoreCrm.BuildingBlocks.Security;
using M3CoreCrm.BuildingBlocks.Validation;
using M3CoreCrm.Modules.Contacts.Contracts;
using M3CoreCrm.Modules.Contacts.Data;
using M3CoreCrm.Modules.Contacts.Domain;
using M3CoreCrm.Modules.Contacts.Features.Shared;
using M3CoreCrm.Modules.Contacts.Infrastructure;
using M3CoreCrm.Modules.Leads.Contracts;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;

namespace M3CoreCrm.Modules.Contacts.Features.Contacts;

/// <summary>How a create is checked: by the API (scope, duplicates, source lead) or by another module's use case.</summary>
internal sealed record ContactWriteOptions(bool AllowDuplicate, bool CheckOwnerScope, bool CheckSourceLead)
{
    public static ContactWriteOptions Api(bool allowDuplicate) => new(allowDuplicate, CheckOwnerScope: true, CheckSourceLead: true);
}

/// <summary>
/// The contact use cases shared by the endpoints, the batch and the directory: every write validates with the same
/// validator, checks references and the owner's scope, refuses duplicates, and runs in the unit of work's
/// transaction (joining the caller's when one is open).
/// </summary>
internal sealed class ContactService(
    ContactsDbContext db,
    UnitOfWork unitOfWork,
    DuplicateLocks locks,
    AccessScope access,
    ICurrentActor actor,
    TimeProvider clock,
    IValidator<ContactInput> validator,
    IntegrationEventPublisher events,
    IAuditLog audit,
    OwnerPolicy owners,
    ILeadDirectory leads)
{
    /// <summary>A live (or, with <paramref name="includeDeleted"/>, any) contact that the permission's scope covers; 404 otherwise.</summary>
    public async Task<Contact> FindAsync(Guid id, string permission, CancellationToken ct, bool includeDeleted = false)
    {
        var contact = await db.Contacts.Include(c => c.Emails).Include(c => c.Phones).AsSplitQuery()
            .FindOrNotFoundAsync(id, "contact", includeDeleted, ct);
        if (!await access.CoversAsync(permission, contact.OwnerId, ct))
        {
            throw Problems.NotFound("contact", id);
        }

        return contact;
    }

    public async Task<Contact> CreateAsync(ContactInput input, ContactWriteOptions options, CancellationToken ct)
    {
        await validator.EnsureValidAsync(input, ct);
        var owner = input.OwnerId ?? actor.UserId;
        if (options.CheckOwnerScope)
        {
            await EnsureOwnerInScopeAsync(ContactsPermissions.ContactsCreate, owner, ct);
        }

        var details = input.ToDetails(owner);
        await CheckReferencesAsync(details, null, options.CheckSourceLead, ct);
        var contact = Contact.Create(details, clock.GetUtcNow());
        return await unitOfWork.InTransactionAsync(async token =>
        {
            if (!options.AllowDuplicate)
            {
                await EnsureNoDuplicateAsync(null, details.Emails.Select(e => e.Normalized).ToList(), details.Phones.Select(p => p.Number).ToList(), token);
            }

            db.Contacts.Add(contact);
            await db.SaveChangesAsync(token);
            return contact;
        }, ct);
    }

    /// <summary>Applies a JSON merge patch to the contact's editable representation, then validates it like a create.</summary>
    public async Task<Contact> PatchAsync(Contact contact, JsonElement patch, bool allowDuplicate, CancellationToken ct)
    {
        var before = contact.Details();
        var input = MergePatch.Apply(ContactInput.From(before), patch);
        await validator.EnsureValidAsync(input, ct);
        var details = input.ToDetails(input.OwnerId);
        if (details.OwnerId != before.OwnerId)
        {
            await EnsureOwnerInScopeAsync(ContactsPermissions.ContactsUpdate, details.OwnerId, ct);
        }

        await CheckReferencesAsync(details, before, checkSourceLead: true, ct);
        return await unitOfWork.InTransactionAsync(async token =>
        {
            if (!allowDuplicate)
            {
                var newEmails = details.Emails.Select(e => e.Normalized).Except(before.Emails.Select(e => e.Normalized), StringComparer.Ordinal).ToList();
                var newPhones = details.Phones.Select(p => p.Number).Except(before.Phones.Select(p => p.Number), StringComparer.Ordinal).ToList();
                await EnsureNoDuplicateAsync(contact.Id, newEmails, newPhones, token);
            }

            contact.Apply(details, clock.GetUtcNow());
            await db.SaveChangesAsync(token);
            return contact;
        }, ct);
    }

    public Task DeleteAsync(Contact contact, CancellationToken ct) => db.SoftDeleteAsync(contact, clock.GetUtcNow(), ct);

    public Task RestoreAsync(Contact contact, CancellationToken ct) => db.RestoreAsync(contact, clock.GetUtcNow(), ct);

    /// <summary>
    /// Merges <paramref name="other"/> into <paramref name="survivor"/> (see <see cref="Contact.MergeFrom"/>), publishes
    /// <see cref="ContactsMerged"/> so other modules move their links, and records the merge in the audit log; one
    /// transaction.
    /// </summary>
    public async Task MergeAsync(Contact survivor, Contact other, CancellationToken ct)
    {
        var emails = survivor.Emails.Select(e => e.Normalized).Union(other.Emails.Select(e => e.Normalized), StringComparer.Ordinal).Count();
        var phones = survivor.Phones.Select(p => p.Number).Union(other.Phones.Select(p => p.Number), StringComparer.Ordinal).Count();
        if (emails > Limits.Emails || phones > Limits.Phones)
        {
            throw Problems.Conflict("contact.merge_too_large",
                $"Together the contacts have more than {Limits.Emails} emails or {Limits.Phones} phones; remove some first.");
        }

        await unitOfWork.InTransactionAsync(async token =>
        {
            survivor.MergeFrom(other, clock.GetUtcNow());
            await db.SaveChangesAsync(token);
            await events.PublishAsync(new ContactsMerged(survivor.Id, other.Id), token);
            await audit.RecordAsync("merged", "contact", survivor.Id.ToString(), null, new { mergedContactId = other.Id }, token);
            return true;
        }, ct);
    }

    /// <summary>The owner within the permission's scope (403) and an active user of the tenant (400).</summary>
    private Task EnsureOwnerInScopeAsync(string permission, Guid? ownerId, CancellationToken ct) =>
        owners.EnsureAllowedAsync(ownerId, permission, "contact", "ownerId", ct);

    private async Task CheckReferencesAsync(ContactDetails details, ContactDetails? before, bool checkSourceLead, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        // A company or lead the caller may not read answers exactly like a missing one.
        if (details.CompanyId is { } companyId && companyId != before?.CompanyId
            && !await db.Companies.Where(await access.VisibleFilterAsync<Company>(ContactsPermissions.CompaniesRead, c => c.OwnerId, ct))
                .AnyAsync(c => c.Id == companyId, ct))
        {
            errors["companyId"] = ["No company with this id exists."];
        }

        if (checkSourceLead && details.SourceLeadId is { } leadId && leadId != before?.SourceLeadId
            && !(await leads.VisibleAsync([leadId], ct)).Contains(leadId))
        {
            errors["sourceLeadId"] = ["No lead with this id exists."];
        }

        if (errors.Count > 0)
        {
            throw Problems.Validation(errors);
        }
    }

    /// <summary>
    /// 409 when a live contact (other than <paramref name="self"/>) has one of the values, with its id only when the
    /// caller may read it.
    /// </summary>
    private async Task EnsureNoDuplicateAsync(Guid? self, List<string> emails, List<string> phones, CancellationToken ct)
    {
        if (emails.Count == 0 && phones.Count == 0)
        {
            return;
        }

        await locks.AcquireAsync(emails.Select(e => "email:" + e).Concat(phones.Select(p => "phone:" + p)), ct);
        if (emails.Count > 0)
        {
            var matches = db.ContactEmails.Where(e => emails.Contains(e.Normalized));
            if (self is { } selfId)
            {
                matches = matches.Where(e => e.ContactId != selfId);
            }

            var hit = await matches.Join(db.Contacts, e => e.ContactId, c => c.Id, (e, c) => new { c.Id, c.CreatedAt, c.OwnerId, e.Normalized })
                .OrderBy(x => x.CreatedAt).FirstOrDefaultAsync(ct);
            if (hit is not null)
            {
                throw Problems.Duplicate("contact", await VisibleIdAsync(hit.Id, hit.OwnerId, ct), $"A contact with the email '{hit.Normalized}' already exists; pass allowDuplicate=true to create another.");
            }
        }

        if (phones.Count > 0)
        {
            var matches = db.ContactPhones.Where(p => phones.Contains(p.Number));
            if (self is { } selfId)
            {
                matches = matches.Where(p => p.ContactId != selfId);
            }

            var hit = await matches.Join(db.Contacts, p => p.ContactId, c => c.Id, (p, c) => new { c.Id, c.CreatedAt, c.OwnerId, p.Number })
                .OrderBy(x => x.CreatedAt).FirstOrDefaultAsync(ct);
            if (hit is not null)
            {
                throw Problems.Duplicate("contact", await VisibleIdAsync(hit.Id, hit.OwnerId, ct), $"A contact with the phone '{hit.Number}' already exists; pass allowDuplicate=true to create another.");
            }
        }
    }

    private async Task<Guid?> VisibleIdAsync(Guid id, Guid? ownerId, CancellationToken ct) =>
        await access.SeesAsync(ContactsPermissions.ContactsRead, ownerId, ct) ? id : null;

    /// <summary>Creates (no id) or merge-patches (with id) up to 100 contacts, each succeeding or failing alone.</summary>
    public async Task<BatchResponse> BatchAsync(IReadOnlyList<ContactBatchItem> items, bool allowDuplicate, CancellationToken ct) =>
        await Batch.RunAsync(items, db, async (item, token) =>
        {
            try
            {
                if (item.Data.ValueKind != JsonValueKind.Object)
                {
                    throw Problems.BadRequest("batch.invalid_item", "data must be a JSON object.");
                }

                if (item.Id is { } id)
                {
                    await access.DemandAsync(ContactsPermissions.ContactsUpdate, token);
                    var existing = await FindAsync(id, ContactsPermissions.ContactsUpdate, token);
                    await PatchAsync(existing, item.Data, allowDuplicate, token);
                    return (StatusCodes.Status200OK, id);
                }

                var created = await CreateAsync(BatchItems.Read<ContactInput>(item.Data), ContactWriteOptions.Api(allowDuplicate), token);
                return (StatusCodes.Status201Created, created.Id);
            }
            catch (DbUpdateConcurrencyException)
            {
                throw Problems.PreconditionFailed("The record was changed by someone else meanwhile; fetch it again and retry.");
            }
        }, ct);
}
