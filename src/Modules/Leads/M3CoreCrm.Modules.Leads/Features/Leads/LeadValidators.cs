using FluentValidation;
using M3CoreCrm.BuildingBlocks.Money;
using M3CoreCrm.Modules.Leads.Domain;

namespace M3CoreCrm.Modules.Leads.Features.Leads;

/// <summary>The rules of a lead's fields, for create, patch, batch and CSV rows alike.</summary>
internal abstract class LeadFieldsValidator<T> : AbstractValidator<T>
    where T : ILeadFields
{
    protected LeadFieldsValidator(bool sourceRequired)
    {
        RuleFor(r => r.FirstName).NotEmpty().WithMessage("firstName is required.")
            .MaximumLength(LeadRules.NameMax).WithMessage($"firstName is at most {LeadRules.NameMax} characters.")
            .Must(v => LeadRules.IsCleanText(v)).WithMessage("firstName must not contain control characters.");
        RuleFor(r => r.LastName).MaximumLength(LeadRules.NameMax).WithMessage($"lastName is at most {LeadRules.NameMax} characters.")
            .Must(v => LeadRules.IsCleanText(v)).WithMessage("lastName must not contain control characters.");
        RuleFor(r => r.Email).Must(LeadRules.IsValidEmail).WithMessage("email must be a valid address such as name@example.com (at most 254 characters).");
        RuleFor(r => r.Phone).Must(LeadRules.IsValidPhone)
            .WithMessage("phone must be a valid international number with its country code, such as +971501234567.");
        RuleFor(r => r.Email).Must((r, _) => !string.IsNullOrWhiteSpace(r.Email) || !string.IsNullOrWhiteSpace(r.Phone))
            .WithMessage("A lead needs an email or a phone.");
        if (sourceRequired)
        {
            RuleFor(r => r.Source).NotNull().WithMessage("source is required.");
        }

        When(r => r.Budget is not null, () =>
        {
            RuleFor(r => r.Budget!.Min).Must(v => v is null || v >= 0).WithMessage("budget.min must not be negative.")
                .Must(v => v is null || LeadRules.FitsMoney(v.Value)).WithMessage("budget.min has at most 16 digits and 2 decimals.");
            RuleFor(r => r.Budget!.Max).Must(v => v is null || v >= 0).WithMessage("budget.max must not be negative.")
                .Must(v => v is null || LeadRules.FitsMoney(v.Value)).WithMessage("budget.max has at most 16 digits and 2 decimals.");
            RuleFor(r => r.Budget!.Max).Must((r, max) => r.Budget!.Min is not { } min || max is not { } value || min <= value)
                .WithMessage("budget.max must not be below budget.min.");
            RuleFor(r => r.Budget!.Currency).NotEmpty().When(r => r.Budget!.Min is not null || r.Budget!.Max is not null)
                .WithMessage("budget.currency is required with an amount.");
            RuleFor(r => r.Budget!.Currency).Must(Currencies.IsValid).When(r => r.Budget!.Currency is not null)
                .WithMessage("budget.currency must be an ISO 4217 code such as AED or USD.");
        });
        When(r => r.Interest is not null, () =>
        {
            RuleFor(r => r.Interest!.ProjectId).Must(id => id != Guid.Empty).When(r => r.Interest!.ProjectId is not null)
                .WithMessage("interest.projectId must not be the empty id.");
            RuleFor(r => r.Interest!.UnitType).MaximumLength(LeadRules.UnitTypeMax)
                .WithMessage($"interest.unitType is at most {LeadRules.UnitTypeMax} characters.")
                .Must(v => LeadRules.IsCleanText(v)).WithMessage("interest.unitType must not contain control characters.");
            RuleFor(r => r.Interest!.Bedrooms).InclusiveBetween(0, LeadRules.BedroomsMax).When(r => r.Interest!.Bedrooms is not null)
                .WithMessage($"interest.bedrooms is between 0 and {LeadRules.BedroomsMax}.");
        });
        RuleFor(r => r.Notes).MaximumLength(LeadRules.NotesMax).WithMessage($"notes is at most {LeadRules.NotesMax} characters.")
            .Must(v => LeadRules.IsCleanText(v, multiline: true)).WithMessage("notes must not contain control characters.");
        RuleFor(r => r.Tags).Must(t => t is null || t.Count <= LeadRules.TagsMax).WithMessage($"At most {LeadRules.TagsMax} tags.");
        RuleForEach(r => r.Tags).Must(LeadRules.IsValidTag)
            .WithMessage($"A tag is 1 to {LeadRules.TagMax} letters, digits, spaces, '.', '_' or '-', starting with a letter or digit.");
    }

    /// <summary>The validated fields, normalized for the domain.</summary>
    internal static LeadDetails ToDetails(ILeadFields fields)
    {
        string? phone = null;
        if (LeadRules.Trimmed(fields.Phone) is { } rawPhone && LeadRules.TryNormalizePhone(rawPhone, out var e164))
        {
            phone = e164;
        }

        return new LeadDetails(
            fields.FirstName.Trim(),
            LeadRules.Trimmed(fields.LastName),
            LeadRules.Trimmed(fields.Email),
            phone,
            fields.Source ?? LeadSource.Other,
            fields.Budget?.Min,
            fields.Budget?.Max,
            LeadRules.Trimmed(fields.Budget?.Currency),
            fields.Interest?.ProjectId,
            LeadRules.Trimmed(fields.Interest?.UnitType),
            fields.Interest?.Bedrooms,
            LeadRules.Trimmed(fields.Notes),
            LeadRules.NormalizeTags(fields.Tags));
    }
}

internal sealed class CreateLeadValidator : LeadFieldsValidator<CreateLeadRequest>
{
    public CreateLeadValidator()
        : base(sourceRequired: false) =>
        RuleFor(r => r.OwnerId).Must(id => id != Guid.Empty).When(r => r.OwnerId is not null).WithMessage("ownerId must not be the empty id.");
}

internal sealed class LeadEditValidator : LeadFieldsValidator<LeadEdit>
{
    public LeadEditValidator()
        : base(sourceRequired: true)
    {
    }
}

internal sealed class ChangeLeadStatusValidator : AbstractValidator<ChangeLeadStatusRequest>
{
    public ChangeLeadStatusValidator()
    {
        RuleFor(r => r.Status).NotNull().WithMessage("status is required.");
        RuleFor(r => r.Reason).NotEmpty().When(r => r.Status == LeadStatus.Unqualified)
            .WithMessage("A reason is required to mark a lead unqualified.");
        RuleFor(r => r.Reason).Empty().When(r => r.Status != LeadStatus.Unqualified)
            .WithMessage("reason is only given with status unqualified.");
        RuleFor(r => r.Reason).MaximumLength(LeadRules.ReasonMax).WithMessage($"reason is at most {LeadRules.ReasonMax} characters.")
            .Must(v => LeadRules.IsCleanText(v, multiline: true)).WithMessage("reason must not contain control characters.");
    }
}

internal sealed class AssignLeadValidator : AbstractValidator<AssignLeadRequest>
{
    public AssignLeadValidator() => RuleFor(r => r.UserId).NotEmpty().WithMessage("userId is required.");
}
