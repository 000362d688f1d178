using System.Text.RegularExpressions;
using FluentValidation;
using M3CoreCrm.Modules.Leads.Domain;

namespace M3CoreCrm.Modules.Leads.Features.ConvertLead;

/// <summary>Link an existing contact (existingContactId), or omit it (or the whole part) to create one from the lead.</summary>
internal sealed record ConvertLeadContact(Guid? ExistingContactId);

/// <summary>Link an existing company (existingCompanyId), or create one (name, with optional domain and phone).</summary>
internal sealed record ConvertLeadCompany(Guid? ExistingCompanyId, string? Name, string? Domain, string? Phone);

/// <summary>
/// A deal to open through the Deals module, linked to the new contact, company and this lead (defaults: the tenant's
/// default pipeline and its first stage, the lead's name as title). A host without Deals answers 422.
/// </summary>
internal sealed record ConvertLeadDeal(Guid? PipelineId, Guid? StageId, string? Title, decimal? Amount, string? Currency);

/// <summary>What the lead becomes. An empty body creates a contact from the lead and nothing else.</summary>
internal sealed record ConvertLeadRequest(ConvertLeadContact? Contact, ConvertLeadCompany? Company, ConvertLeadDeal? Deal);

/// <summary>The converted lead and the records it is linked to.</summary>
internal sealed record ConvertLeadResponse(LeadResponse Lead, Guid ContactId, bool ContactCreated, Guid? CompanyId, bool CompanyCreated, Guid? DealId);

internal sealed partial class ConvertLeadValidator : AbstractValidator<ConvertLeadRequest>
{
    internal const int CompanyNameMax = 200;

    public ConvertLeadValidator()
    {
        RuleFor(r => r.Contact!.ExistingContactId).Must(id => id != Guid.Empty).When(r => r.Contact?.ExistingContactId is not null)
            .WithMessage("contact.existingContactId must not be the empty id.");
        When(r => r.Company is not null, () =>
        {
            RuleFor(r => r.Company!.Name).Must((r, name) => r.Company!.ExistingCompanyId is not null ^ !string.IsNullOrWhiteSpace(name))
                .WithMessage("Give either company.existingCompanyId or company.name, not both.");
            RuleFor(r => r.Company!.ExistingCompanyId).Must(id => id != Guid.Empty).When(r => r.Company!.ExistingCompanyId is not null)
                .WithMessage("company.existingCompanyId must not be the empty id.");
            RuleFor(r => r.Company!.Name).MaximumLength(CompanyNameMax).WithMessage($"company.name is at most {CompanyNameMax} characters.")
                .Must(v => LeadRules.IsCleanText(v)).WithMessage("company.name must not contain control characters.");
            RuleFor(r => r.Company!.Domain).Must(d => d is null || (d.Length <= 253 && DomainShape().IsMatch(d.Trim())))
                .WithMessage("company.domain must be a domain name such as example.com.");
            RuleFor(r => r.Company!.Phone).Must(LeadRules.IsValidPhone)
                .WithMessage("company.phone must be a valid international number with its country code, such as +97143001234.");
            RuleFor(r => r.Company).Must(c => c!.ExistingCompanyId is null || (c.Name is null && c.Domain is null && c.Phone is null))
                .WithMessage("A linked company (existingCompanyId) takes no name, domain or phone.");
        });
    }

    [GeneratedRegex(@"^(?=.{1,253}$)([a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?\.)+[a-zA-Z]{2,63}$", RegexOptions.CultureInvariant)]
    private static partial Regex DomainShape();
}
