using FluentValidation;
using M3CoreCrm.Modules.Deals.Data;
using M3CoreCrm.Modules.Deals.Domain;

namespace M3CoreCrm.Modules.Deals.Features.Pipelines;

internal static class PipelineRules
{
    internal static void Name<T>(IRuleBuilder<T, string> rule) =>
        rule.NotEmpty().MaximumLength(Limits.Name).Must(NoControl).WithMessage("A name is 1 to 100 characters, without control characters.");

    internal static void Probability<T>(IRuleBuilder<T, int> rule) =>
        rule.InclusiveBetween(0, 100).WithMessage("probability is a percentage from 0 to 100.");

    internal static void RottingDays<T>(IRuleBuilder<T, int?> rule) =>
        rule.InclusiveBetween(1, 3650).WithMessage("rottingDays is 1 to 3650 days, or null for a stage where deals never rot.");

    internal static void GroupIds<T>(IRuleBuilder<T, IReadOnlyList<Guid>?> rule) =>
        rule.Must(ids => ids is null || (ids.Count <= Pipeline.MaxGroups && ids.All(id => id != Guid.Empty)))
            .WithMessage($"groupIds holds at most {Pipeline.MaxGroups} group ids.");

    internal static bool NoControl(string? text) => text is null || !text.Any(char.IsControl);
}

internal sealed class PipelineStageInputValidator : AbstractValidator<PipelineStageInput>
{
    public PipelineStageInputValidator()
    {
        PipelineRules.Name(RuleFor(s => s.Name));
        PipelineRules.Probability(RuleFor(s => s.Probability));
        PipelineRules.RottingDays(RuleFor(s => s.RottingDays));
    }
}

internal sealed class CreatePipelineValidator : AbstractValidator<CreatePipelineRequest>
{
    public CreatePipelineValidator()
    {
        PipelineRules.Name(RuleFor(p => p.Name));
        RuleFor(p => p.Stages).NotNull().Must(s => s is { Count: > 0 and <= Pipeline.MaxStages - 2 })
            .WithMessage($"A pipeline has 1 to {Pipeline.MaxStages - 2} open stages.");
        RuleForEach(p => p.Stages).NotNull().SetValidator(new PipelineStageInputValidator());
        RuleFor(p => p.WonStageName).NotEmpty().MaximumLength(Limits.Name).Must(PipelineRules.NoControl)
            .When(p => p.WonStageName is not null).WithMessage("wonStageName is 1 to 100 characters, without control characters.");
        RuleFor(p => p.LostStageName).NotEmpty().MaximumLength(Limits.Name).Must(PipelineRules.NoControl)
            .When(p => p.LostStageName is not null).WithMessage("lostStageName is 1 to 100 characters, without control characters.");
        PipelineRules.GroupIds(RuleFor(p => p.GroupIds));
    }
}

internal sealed class PipelineInputValidator : AbstractValidator<PipelineInput>
{
    public PipelineInputValidator()
    {
        PipelineRules.Name(RuleFor(p => p.Name));
        PipelineRules.GroupIds(RuleFor(p => p.GroupIds));
    }
}

internal sealed class AddPipelineStageValidator : AbstractValidator<AddPipelineStageRequest>
{
    public AddPipelineStageValidator()
    {
        PipelineRules.Name(RuleFor(s => s.Name));
        PipelineRules.Probability(RuleFor(s => s.Probability));
        PipelineRules.RottingDays(RuleFor(s => s.RottingDays));
        RuleFor(s => s.Position).GreaterThanOrEqualTo(0);
    }
}

internal sealed class ReorderPipelineStagesValidator : AbstractValidator<ReorderPipelineStagesRequest>
{
    public ReorderPipelineStagesValidator()
    {
        RuleFor(r => r.StageIds).NotEmpty().Must(ids => ids is null || ids.Count <= Pipeline.MaxStages)
            .WithMessage($"stageIds lists every stage of the pipeline (at most {Pipeline.MaxStages}).");
    }
}
