namespace M3CoreCrm.Modules.Deals.Contracts;

/// <summary>
/// What other modules may ask of and do with deals: lead conversion creates one, Inventory ties bookings to deals,
/// Activities checks its targets. Calls run in the caller's unit of work: the Deals context shares the request's
/// connection and joins its open transaction on save, so the caller's use case commits or rolls back as one.
/// </summary>
public interface IDealDirectory
{
    /// <summary>
    /// Creates an open deal; returns its id. Input is validated like the API's (400 problem on bad values); the
    /// caller has authorized its own use case, so permissions and owner scope are its business.
    /// </summary>
    Task<Guid> CreateDealAsync(NewDeal deal, CancellationToken cancellationToken);

    /// <summary>The ids among <paramref name="ids"/> of live (not deleted) deals of the current tenant.</summary>
    Task<IReadOnlySet<Guid>> ExistingAsync(IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken);

    /// <summary>
    /// The ids among <paramref name="ids"/> of live deals the caller may read (deals.read and its owner scope, visible
    /// pipelines): a reference to a deal outside it answers like one to a missing deal. Empty without deals.read.
    /// </summary>
    Task<IReadOnlySet<Guid>> VisibleAsync(IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken);

    /// <summary>The ids of live deals owned by one of <paramref name="ownerIds"/> (the scope of records tied to deals, e.g. unit bookings).</summary>
    Task<IReadOnlySet<Guid>> OwnedByAsync(IReadOnlyCollection<Guid> ownerIds, CancellationToken cancellationToken);
}

/// <summary>
/// A deal to create. Without <see cref="PipelineId"/> the tenant's default pipeline is used; without
/// <see cref="StageId"/> the pipeline's first open stage. Without <see cref="Amount"/> the amount is 0; without
/// <see cref="Currency"/> the tenant's default currency (ISO 4217).
/// </summary>
public sealed record NewDeal(
    string Title,
    Guid? PipelineId = null,
    Guid? StageId = null,
    decimal? Amount = null,
    string? Currency = null,
    DateOnly? ExpectedCloseDate = null,
    Guid? OwnerId = null,
    Guid? ContactId = null,
    Guid? CompanyId = null,
    Guid? SourceLeadId = null,
    IReadOnlyList<Guid>? UnitIds = null);
