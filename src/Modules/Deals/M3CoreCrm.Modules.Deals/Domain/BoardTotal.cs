using M3CoreCrm.BuildingBlocks.Tenancy;

namespace M3CoreCrm.Modules.Deals.Domain;

/// <summary>
/// The count and amount of a pipeline's live deals per (stage, currency, owner): what the board sums instead of
/// grouping every deal. Written only by the database (statement triggers on deals.deals, migration BoardTotals);
/// read-only here. Keys that lost their last deal keep a zero row, which readers skip.
/// </summary>
internal sealed class BoardTotal : ITenantOwned
{
    private BoardTotal()
    {
    }

    public Guid TenantId { get; private set; }

    public Guid PipelineId { get; private set; }

    public Guid StageId { get; private set; }

    public string Currency { get; private set; } = null!;

    /// <summary>Null for unassigned deals (one row, as the unique index treats nulls as equal).</summary>
    public Guid? OwnerId { get; private set; }

    public int DealCount { get; private set; }

    public decimal AmountSum { get; private set; }
}
