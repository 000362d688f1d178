using FluentValidation;
using M3CoreCrm.Modules.Activities.Data;
using M3CoreCrm.Modules.Activities.Domain;

namespace M3CoreCrm.Modules.Activities.Features.Activities;

internal sealed class TargetInputValidator : AbstractValidator<TargetInput>
{
    public TargetInputValidator()
    {
        RuleFor(t => t.Type).Must(t => TargetRecords.Normalize(t) is not null)
            .WithMessage(t => $"'{t.Type}' is not a target type; use lead, contact, company, deal or unit.");
        RuleFor(t => t.Id).NotEmpty();
    }
}

internal sealed class ActivityInputValidator : AbstractValidator<ActivityInput>
{
    public ActivityInputValidator()
    {
        RuleFor(a => a.Type).NotNull();
        RuleFor(a => a.OccurredAt).NotNull()
            .Must(d => d is null || d >= Activity.EarliestOccurred).WithMessage("occurredAt must not be before 2000-01-01.");
        RuleFor(a => a.Subject).MaximumLength(Limits.Subject);
        RuleFor(a => a.Body).MaximumLength(Limits.Body);
        RuleFor(a => a.DurationMinutes).GreaterThanOrEqualTo(0).LessThanOrEqualTo(24 * 60);
        RuleFor(a => a.Direction).Null()
            .When(a => a.Type is { } type && !Activity.TakesDirection(type))
            .WithMessage("Only calls and messages (email, sms, whatsapp) have a direction.");
        RuleFor(a => a.ParticipantUserIds).Must(ids => ids is null || ids.Count <= Limits.Participants)
            .WithMessage($"At most {Limits.Participants} participants.");
        RuleFor(a => a.ParticipantContactIds).Must(ids => ids is null || ids.Count <= Limits.Participants)
            .WithMessage($"At most {Limits.Participants} participants.");
        RuleFor(a => a.Targets).NotEmpty().WithMessage("At least one target is required.")
            .Must(t => t is null || t.Count <= Invariants.MaxTargets).WithMessage($"At most {Invariants.MaxTargets} targets.");
        RuleForEach(a => a.Targets).SetValidator(new TargetInputValidator());
    }
}
