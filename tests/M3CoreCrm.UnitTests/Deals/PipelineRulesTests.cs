using M3CoreCrm.BuildingBlocks.Http;
using M3CoreCrm.Modules.Deals.Domain;
using M3CoreCrm.Modules.Deals.Features.Pipelines;

namespace M3CoreCrm.UnitTests.Deals;

public sealed class PipelineRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 28, 9, 0, 0, TimeSpan.Zero);

    private static string[] Names(Pipeline pipeline) => pipeline.Ordered.Select(s => s.Name).ToArray();

    [Fact]
    public void The_default_pipeline_has_six_open_stages_then_won_and_lost()
    {
        var pipeline = DefaultPipeline.Create(Now);

        Assert.Equal(["New inquiry", "Qualified", "Site visit", "Offer", "Reservation", "Contract", "Won", "Lost"], Names(pipeline));
        Assert.Equal(Enumerable.Range(0, 8), pipeline.Ordered.Select(s => s.Position));
        Assert.Equal(100, pipeline.WonStage.Probability);
        Assert.Equal(0, pipeline.LostStage.Probability);
        Assert.True(pipeline.IsDefault);
        Assert.All(pipeline.Stages, s => Assert.Equal(pipeline.Id, s.PipelineId));
    }

    [Fact]
    public void Added_stages_go_among_the_open_ones_and_positions_stay_dense()
    {
        var pipeline = DefaultPipeline.Create(Now);

        pipeline.AddStage(new StageDraft("Mortgage", 70, 10), 4, Now);
        pipeline.AddStage(new StageDraft("Handover", 95, null), null, Now);

        Assert.Equal(["New inquiry", "Qualified", "Site visit", "Offer", "Mortgage", "Reservation", "Contract", "Handover", "Won", "Lost"], Names(pipeline));
        Assert.Equal(Enumerable.Range(0, 10), pipeline.Ordered.Select(s => s.Position));
        Assert.Equal(400, Assert.Throws<ApiProblemException>(() => pipeline.AddStage(new StageDraft("After lost", 1, null), 9, Now)).Status);
        Assert.Equal(409, Assert.Throws<ApiProblemException>(() => pipeline.AddStage(new StageDraft("mortgage", 1, null), null, Now)).Status);
    }

    [Fact]
    public void Reordering_keeps_closed_stages_last_and_removal_keeps_one_open_stage()
    {
        var pipeline = Pipeline.Create("Small", [new StageDraft("A", 10, 1), new StageDraft("B", 50, 2)], "Won", "Lost", [], false, Now);
        var ids = pipeline.Ordered.Select(s => s.Id).ToList();

        pipeline.Reorder([ids[1], ids[0], ids[3], ids[2]], Now);
        Assert.Equal(["B", "A", "Lost", "Won"], Names(pipeline));
        Assert.Throws<ApiProblemException>(() => pipeline.Reorder([ids[2], ids[0], ids[1], ids[3]], Now));
        Assert.Throws<ApiProblemException>(() => pipeline.Reorder([ids[0], ids[0], ids[1], ids[2]], Now));

        pipeline.RemoveStage(pipeline.FindStage(ids[1])!, Now);
        Assert.Equal(["A", "Lost", "Won"], Names(pipeline));
        Assert.Equal(409, Assert.Throws<ApiProblemException>(() => pipeline.RemoveStage(pipeline.FindStage(ids[0])!, Now)).Status);
        Assert.Equal(409, Assert.Throws<ApiProblemException>(() => pipeline.RemoveStage(pipeline.WonStage, Now)).Status);
    }

    [Fact]
    public void Closed_stages_keep_their_weight_and_never_rot()
    {
        var pipeline = DefaultPipeline.Create(Now);

        pipeline.UpdateStage(pipeline.WonStage, "Closed won", 100, null, Now);
        Assert.Equal("Closed won", pipeline.WonStage.Name);
        Assert.Throws<ApiProblemException>(() => pipeline.UpdateStage(pipeline.WonStage, "Won", 90, null, Now));
        Assert.Throws<ApiProblemException>(() => pipeline.UpdateStage(pipeline.LostStage, "Lost", 0, 5, Now));
        Assert.False(pipeline.WonStage.IsRotting(Now.AddYears(-1), Now));
    }

    [Theory]
    [InlineData(3 * 24 * 60 - 1, false)]
    [InlineData(3 * 24 * 60, false)]
    [InlineData(3 * 24 * 60 + 1, true)]
    public void A_deal_rots_after_more_than_the_stage_s_rotting_days(int minutesInStage, bool rotting)
    {
        var inquiry = DefaultPipeline.Create(Now).OpenStages.First(); // 3 days

        Assert.Equal(rotting, inquiry.IsRotting(Now.AddMinutes(-minutesInStage), Now));
    }
}
