using M3CoreCrm.BuildingBlocks.Http;
using M3CoreCrm.Modules.Deals.Domain;
using M3CoreCrm.Modules.Deals.Features.Pipelines;

namespace M3CoreCrm.UnitTests.Deals;

public sealed class DealTransitionsTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 28, 9, 0, 0, TimeSpan.Zero);
    private static readonly Guid Actor = Guid.CreateVersion7();

    private static readonly DealDetails Details = new("Villa", 1_000_000m, "AED", null, Actor, null, null, null, [Guid.CreateVersion7()]);

    [Fact]
    public void A_deal_moves_wins_and_reopens_with_a_history_row_each()
    {
        var pipeline = DefaultPipeline.Create(Now);
        var open = pipeline.OpenStages.ToList();
        var (deal, created) = Deal.Create(Details, open[0], Actor, Now);

        var moved = deal.MoveTo(open[2], Actor, Now.AddHours(1))!;
        var won = deal.Win(pipeline.WonStage, Actor, Now.AddHours(2));
        var reopened = deal.Reopen(open[1], Actor, Now.AddHours(3));

        Assert.Equal([DealStageAction.Created, DealStageAction.Moved, DealStageAction.Won, DealStageAction.Reopened], new[] { created, moved, won, reopened }.Select(c => c.Action));
        Assert.Equal((open[0].Id, open[2].Id), (moved.FromStageId!.Value, moved.ToStageId));
        Assert.Equal((open[2].Id, pipeline.WonStage.Id), (won.FromStageId!.Value, won.ToStageId));
        Assert.Equal(DealStatus.Open, deal.Status);
        Assert.Equal(open[1].Id, deal.StageId);
        Assert.Null(deal.ClosedAt);
        Assert.Equal(Now.AddHours(3), deal.StageEnteredAt);
        Assert.Null(deal.MoveTo(open[1], Actor, Now.AddHours(4)));
    }

    [Fact]
    public void Closed_deals_neither_move_nor_close_again_and_open_ones_do_not_reopen()
    {
        var pipeline = DefaultPipeline.Create(Now);
        var open = pipeline.OpenStages.ToList();
        var (deal, _) = Deal.Create(Details, open[0], Actor, Now);

        Assert.Equal(409, Assert.Throws<ApiProblemException>(() => deal.Reopen(open[0], Actor, Now)).Status);
        Assert.Equal(400, Assert.Throws<ApiProblemException>(() => deal.MoveTo(pipeline.WonStage, Actor, Now)).Status);

        var lost = deal.Lose(pipeline.LostStage, "Budget", Actor, Now);
        Assert.Equal("Budget", lost.Reason);
        Assert.Equal(DealStatus.Lost, deal.Status);
        Assert.Equal(409, Assert.Throws<ApiProblemException>(() => deal.Win(pipeline.WonStage, Actor, Now)).Status);
        Assert.Equal(409, Assert.Throws<ApiProblemException>(() => deal.MoveTo(open[1], Actor, Now)).Status);
        Assert.Equal(409, Assert.Throws<ApiProblemException>(() => deal.Lose(pipeline.LostStage, "Again", Actor, Now)).Status);
        Assert.Equal(400, Assert.Throws<ApiProblemException>(() => deal.Reopen(pipeline.WonStage, Actor, Now)).Status);
    }

    [Fact]
    public void A_deal_never_starts_closed_nor_with_a_negative_amount()
    {
        var pipeline = DefaultPipeline.Create(Now);

        Assert.Throws<ApiProblemException>(() => Deal.Create(Details, pipeline.WonStage, Actor, Now));
        Assert.Throws<ApiProblemException>(() => Deal.Create(Details with { Amount = -1m }, pipeline.OpenStages.First(), Actor, Now));
    }
}
