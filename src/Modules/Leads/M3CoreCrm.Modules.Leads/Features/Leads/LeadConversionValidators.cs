using System.Text.RegularExpressions;
using FluentValidation;
using M3CoreCrm.Modules.Leads.Domain;

namespace M3CoreCrm.Modules.Leads.Features.Leads;

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
