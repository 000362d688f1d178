using M3CoreCrm.BuildingBlocks.Authorization;
using M3CoreCrm.BuildingBlocks.Http;
using M3CoreCrm.Modules.Contacts.Contracts;
using M3CoreCrm.Modules.Deals.Domain;
using M3CoreCrm.Modules.Identity.Contracts;
using M3CoreCrm.Modules.Inventory.Contracts;
using M3CoreCrm.Modules.Leads.Contracts;

namespace M3CoreCrm.Modules.Deals.Features.Deals;

/// <summary>What a deal points at, checked through the other modules' Contracts: its owner, contact, company, source lead and units.</summary>
internal sealed class DealReferences(
    AccessScope access,
    IUserDirectory users,
    IContactDirectory contacts,
    ILeadDirectory leads,
    IUnitDirectory units)
{
    /// <summary>403 when the scope does not reach the owner; 400 when the owner is no active user of the tenant.</summary>
    public async Task CheckOwnerAsync(Guid? ownerId, string permission, DealWriteOptions options, CancellationToken ct)
    {
        if (options.ApplyCallerScope && !await access.CoversAsync(permission, ownerId, ct))
        {
            throw Problems.Forbidden("deal.owner_out_of_scope", ownerId is null
                ? "Your access does not cover unassigned deals; name an owner."
                : $"Your '{permission}' scope does not let you give deals to user {ownerId}.");
        }

        if (ownerId is { } id && !(await users.ActiveUsersAsync([id], ct)).Contains(id))
        {
            throw Problems.Validation(new Dictionary<string, string[]> { ["ownerId"] = [$"No active user {id} exists in this tenant."] });
        }
    }

    /// <summary>
    /// Contact, company, source lead and interested units must exist in the tenant and, for an API caller, be visible to
    /// them: one they cannot see gets the very answer of a missing one, so ids cannot be probed. Unchanged ids are not
    /// rechecked, so a unit deleted (or a contact reassigned) later does not block other edits of the deal.
    /// </summary>
    public async Task CheckAsync(DealDetails details, DealDetails? before, DealWriteOptions options, CancellationToken ct)
    {
        var visible = options.ApplyCallerScope;
        var errors = new Dictionary<string, string[]>();
        if (details.ContactId is { } contactId && contactId != before?.ContactId
            && !(visible ? await contacts.VisibleContactsAsync([contactId], ct) : await contacts.ExistingContactsAsync([contactId], ct)).Contains(contactId))
        {
            errors["contactId"] = [$"No contact {contactId} exists."];
        }

        if (details.CompanyId is { } companyId && companyId != before?.CompanyId
            && !(visible ? await contacts.VisibleCompaniesAsync([companyId], ct) : await contacts.ExistingCompaniesAsync([companyId], ct)).Contains(companyId))
        {
            errors["companyId"] = [$"No company {companyId} exists."];
        }

        if (details.SourceLeadId is { } leadId && leadId != before?.SourceLeadId
            && !(visible ? await leads.VisibleAsync([leadId], ct) : await leads.ExistingAsync([leadId], ct)).Contains(leadId))
        {
            errors["sourceLeadId"] = [$"No lead {leadId} exists."];
        }

        var newUnits = details.UnitIds.Except(before?.UnitIds ?? []).ToList();
        if (newUnits.Count > 0)
        {
            var known = visible ? await units.VisibleAsync(newUnits, ct) : await units.ExistingAsync(newUnits, ct);
            if (newUnits.Where(id => !known.Contains(id)).ToList() is { Count: > 0 } unknown)
            {
                errors["unitIds"] = [$"No unit {string.Join(", ", unknown)} exists."];
            }
        }

        if (errors.Count > 0)
        {
            throw Problems.Validation(errors);
        }
    }
}
