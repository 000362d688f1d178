using M3CoreCrm.BuildingBlocks.Authorization;
using M3CoreCrm.BuildingBlocks.Data;
using M3CoreCrm.BuildingBlocks.Http;
using M3CoreCrm.BuildingBlocks.Tenancy;
using M3CoreCrm.Modules.Contacts.Contracts;
using M3CoreCrm.Modules.Deals.Contracts;
using M3CoreCrm.Modules.Leads.Data;
using M3CoreCrm.Modules.Leads.Domain;
using Microsoft.AspNetCore.Http;
using Npgsql;

namespace M3CoreCrm.Modules.Leads.Features.Leads;

/// <summary>
/// Converting a lead: creates (or links) a contact and optionally a company through the Contacts module's directory
/// (and a deal through the Deals module's) and marks the lead converted, all in one transaction on the unit of work's
/// shared connection. Each record it creates needs its module's create permission, with a scope covering the lead's
/// owner (who owns them), and each record it links must be one the caller may read. The lead's row is locked first
/// (SELECT ... FOR UPDATE), so of concurrent conversions one wins and the others see it converted (409); any failure,
/// the Contacts module's included, rolls everything back.
/// </summary>
internal sealed class LeadConversionService(
    LeadQueries finder,
    LeadsDbContext db,
    UnitOfWork unitOfWork,
    ITenantContext tenant,
    AccessScope access,
    IContactDirectory contacts,
    IDealDirectory deals,
    TimeProvider clock)
{
    /// <summary>Converts the lead at the version If-Match names (<paramref name="expectedVersion"/>; 412 otherwise).</summary>
    public async Task<(ConvertLeadResponse Body, uint Version)> ConvertAsync(
        Guid id, ConvertLeadRequest? body, uint? expectedVersion, CancellationToken cancellationToken) =>
        await unitOfWork.InTransactionAsync(async token =>
        {
            await LockAsync(tenant.RequiredTenantId, id, token);
            var lead = await finder.FindAsync(id, LeadsPermissions.Convert, tracked: true, token);
            if (expectedVersion is { } expected && expected != lead.Version)
            {
                throw Problems.PreconditionFailed("The lead has changed since it was read; fetch it again and retry.");
            }

            lead.EnsureConvertible();
            await DemandCreatesAsync(body, lead, token);
            var (companyId, companyCreated) = await CompanyAsync(body?.Company, lead, token);
            var (contactId, contactCreated) = await ContactAsync(body?.Contact?.ExistingContactId, companyId, lead, token);
            var dealId = body?.Deal is { } deal
                ? await deals.CreateDealAsync(
                    new NewDeal(deal.Title?.Trim() is { Length: > 0 } title ? title : lead.FullName, deal.PipelineId, deal.StageId, deal.Amount, deal.Currency,
                        OwnerId: lead.OwnerId, ContactId: contactId, CompanyId: companyId, SourceLeadId: lead.Id),
                    token)
                : (Guid?)null;
            lead.Convert(contactId, companyId, clock.GetUtcNow());
            await db.SaveChangesAsync(token);
            return (Body: new ConvertLeadResponse(LeadResponse.From(lead), contactId, contactCreated, companyId, companyCreated, dealId), lead.Version);
        }, cancellationToken);

    private async Task<(Guid? Id, bool Created)> CompanyAsync(ConvertLeadCompany? company, Lead lead, CancellationToken ct)
    {
        if (company is null)
        {
            return (null, false);
        }

        if (company.ExistingCompanyId is { } existing)
        {
            var found = await contacts.VisibleCompaniesAsync([existing], ct);
            return found.Contains(existing)
                ? (existing, false)
                : throw Unprocessable("lead.company_not_found", "company.existingCompanyId", $"No company {existing} exists.");
        }

        string? phone = null;
        if (LeadRules.Trimmed(company.Phone) is { } raw && LeadRules.TryNormalizePhone(raw, out var e164))
        {
            phone = e164;
        }

        var id = await contacts.CreateCompanyAsync(
            new NewCompany(company.Name!.Trim(), LeadRules.Trimmed(company.Domain)?.ToLowerInvariant(), phone, lead.OwnerId), ct);
        return (id, true);
    }

    private async Task<(Guid Id, bool Created)> ContactAsync(Guid? existingContactId, Guid? companyId, Lead lead, CancellationToken ct)
    {
        if (existingContactId is { } existing)
        {
            var found = await contacts.VisibleContactsAsync([existing], ct);
            return found.Contains(existing)
                ? (existing, false)
                : throw Unprocessable("lead.contact_not_found", "contact.existingContactId", $"No contact {existing} exists.");
        }

        if (lead.Email is { } email && await contacts.FindContactByEmailAsync(email, ct) is { } match)
        {
            // The contact's id only when the caller may read it: else it would reveal a record outside its scope.
            if ((await contacts.VisibleContactsAsync([match], ct)).Contains(match))
            {
                throw Problems.Conflict("lead.contact_exists",
                    $"A contact with the lead's email exists ({match}); convert with contact.existingContactId to link it.",
                    new Dictionary<string, object?> { ["existingId"] = match });
            }

            throw Problems.Conflict("lead.contact_exists", "A contact with the lead's email exists; it is not one you may link.");
        }

        var id = await contacts.CreateContactAsync(
            new NewContact(lead.FirstName, lead.LastName, lead.Email, lead.Phone, companyId, lead.Id, lead.OwnerId, lead.Tags.ToList()), ct);
        return (id, true);
    }

    /// <summary>
    /// 403 before anything is written unless the caller may create each record the conversion creates: a contact
    /// (unless one is linked), a company (when one is named), a deal (when asked for), each owned by the lead's owner.
    /// </summary>
    private async Task DemandCreatesAsync(ConvertLeadRequest? body, Lead lead, CancellationToken ct)
    {
        var creates = new List<string>();
        if (body?.Contact?.ExistingContactId is null)
        {
            creates.Add(LeadsPermissions.ContactsCreate);
        }

        if (body?.Company is { ExistingCompanyId: null })
        {
            creates.Add(LeadsPermissions.CompaniesCreate);
        }

        if (body?.Deal is not null)
        {
            creates.Add(LeadsPermissions.DealsCreate);
        }

        foreach (var permission in creates)
        {
            await access.DemandAsync(permission, ct);
            if (!await access.CoversAsync(permission, lead.OwnerId, ct))
            {
                throw Problems.Forbidden("auth.permission_denied",
                    $"Converting this lead creates a record owned by its owner; your '{permission}' scope does not cover that owner.");
            }
        }
    }

    /// <summary>Locks the lead's row until the transaction ends: concurrent conversions of one lead run one after another.</summary>
    private async Task LockAsync(Guid tenantId, Guid id, CancellationToken ct)
    {
        var batch = new NpgsqlBatch
        {
            BatchCommands = { SqlStatement.Of("SELECT 1 FROM leads.leads WHERE tenant_id = $1 AND id = $2 FOR UPDATE", tenantId, id) },
        };
        await using var reader = await unitOfWork.ExecuteBatchAsync(batch, ct);
    }

    private static ApiProblemException Unprocessable(string code, string field, string message) =>
        new(StatusCodes.Status422UnprocessableEntity, code, "Unprocessable", message,
            new Dictionary<string, object?> { ["errors"] = new Dictionary<string, string[]> { [field] = [message] } });
}
