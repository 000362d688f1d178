namespace M3CoreCrm.Modules.Deals.Contracts;

/// <summary>
/// What other modules may do with deals (lead conversion creates one). Calls run in the caller's unit of work: the
/// Deals context shares the request's connection and joins its open transaction on save, so the caller's use case
/// commits or rolls back as one. Input is validated like the API's (400 problem on bad values); the caller has
/// authorized its own use case, so permissions and owner scope are its business.
/// </summary>
public interface IDealRegistry
{
    /// <summary>Creates an open deal; returns its id.</summary>
    Task<Guid> CreateDealAsync(NewDeal deal, CancellationToken cancellationToken);
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
