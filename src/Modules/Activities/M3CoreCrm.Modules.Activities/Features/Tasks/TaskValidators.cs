using FluentValidation;
using M3CoreCrm.Modules.Activities.Data;
using M3CoreCrm.Modules.Activities.Domain;
using M3CoreCrm.Modules.Activities.Features.Activities;

namespace M3CoreCrm.Modules.Activities.Features.Tasks;

internal sealed class TaskInputValidator : AbstractValidator<TaskInput>
{
    public TaskInputValidator()
    {
        RuleFor(t => t.Title).NotEmpty().MaximumLength(Limits.Title);
        RuleFor(t => t.Description).MaximumLength(Limits.Body);
        RuleFor(t => t.DueAt).NotNull()
            .Must(d => d is null || d >= TaskItem.EarliestDue).WithMessage("dueAt must not be before 2000-01-01.");
        RuleFor(t => t.ReminderAt).Must((t, r) => r is null || t.DueAt is null || r <= t.DueAt)
            .WithMessage("reminderAt must not be after dueAt.")
            .Must(r => r is null || r >= TaskItem.EarliestDue).WithMessage("reminderAt must not be before 2000-01-01.");
        RuleFor(t => t.Targets).NotEmpty().WithMessage("At least one target is required.")
            .Must(t => t is null || t.Count <= Invariants.MaxTargets).WithMessage($"At most {Invariants.MaxTargets} targets.");
        RuleForEach(t => t.Targets).SetValidator(new TargetInputValidator());
    }
}

internal sealed class CompleteTaskValidator : AbstractValidator<CompleteTaskRequest>
{
    public CompleteTaskValidator()
    {
        RuleFor(r => r.LogCall!.DurationMinutes).GreaterThanOrEqualTo(0).LessThanOrEqualTo(24 * 60)
            .When(r => r.LogCall is not null).OverridePropertyName("logCall.durationMinutes");
        RuleFor(r => r.LogCall!.Body).MaximumLength(Limits.Body)
            .When(r => r.LogCall is not null).OverridePropertyName("logCall.body");
    }
}
