
namespace M3CoreCrm.Modules.Leads.Features.Leads;

/// <summary>Link an existing contact (existingContactId), or omit it (or the whole part) to create one from the lead.</summary>
internal sealed record ConvertLeadContact(Guid? ExistingContactId);

/// <summary>Link an existing company (existingCompanyId), or create one (name, with optional domain and phone).</summary>
internal sealed record ConvertLeadCompany(Guid? ExistingCompanyId, string? Name, string? Domain, string? Phone);

/// <summary>
/// A deal to open through the Deals module, linked to the new contact, company and this lead (defaults: the tenant's
/// default pipeline and its first stage, the lead's name as title).
/// </summary>
internal sealed record ConvertLeadDeal(Guid? PipelineId, Guid? StageId, string? Title, decimal? Amount, string? Currency);

/// <summary>What the lead becomes. An empty body creates a contact from the lead and nothing else.</summary>
internal sealed record ConvertLeadRequest(ConvertLeadContact? Contact, ConvertLeadCompany? Company, ConvertLeadDeal? Deal);

/// <summary>The converted lead and the records it is linked to.</summary>
internal sealed record ConvertLeadResponse(LeadResponse Lead, Guid ContactId, bool ContactCreated, Guid? CompanyId, bool CompanyCreated, Guid? DealId);
