namespace M3CoreCrm.Modules.Deals.Contracts;

/// <summary>
/// Published in the transaction that wins the deal: the units it was interested in (Inventory marks them sold).
/// </summary>
public sealed record DealWon(Guid DealId, IReadOnlyList<Guid> UnitIds);

/// <summary>
/// Published in the transaction that loses the deal: the units it was interested in (Inventory releases them).
/// </summary>
public sealed record DealLost(Guid DealId, IReadOnlyList<Guid> UnitIds);
