namespace M3CoreCrm.Modules.Deals.Contracts;

/// <summary>
/// Published in the transaction that wins the deal: the units it was interested in (Inventory marks them sold).
/// </summary>
public sealed record DealWon(Guid DealId, IReadOnlyList<Guid> UnitIds);

/// <summary>
/// Published in the transaction that loses the deal: the units it was interested in (Inventory releases them).
/// </summary>
public sealed record DealLost(Guid DealId, IReadOnlyList<Guid> UnitIds);

/// <summary>
/// Published in the transaction that reopens a won or lost deal (<paramref name="WasWon"/> tells which; it was closed
/// at <paramref name="ClosedAt"/>): Inventory books again, on the same terms, the units whose holds and reservations
/// the close ended. A unit taken by someone else since fails the reopen with 409 <c>deal.units_taken</c>, unless
/// <paramref name="SkipTakenUnits"/>: then the deal reopens and only the free units are booked again.
/// </summary>
public sealed record DealReopened(Guid DealId, IReadOnlyList<Guid> UnitIds, bool WasWon, DateTimeOffset ClosedAt, bool SkipTakenUnits);
