using System.Text.Json;
using M3CoreCrm.Modules.Leads.Domain;

namespace M3CoreCrm.Modules.Leads.Features.Leads;

/// <summary>What the buyer can spend: min and max (numeric(18,2), not negative, min &lt;= max) in an ISO 4217 currency.</summary>
internal sealed record LeadBudget(decimal? Min, decimal? Max, string? Currency);

/// <summary>What the buyer looks for: a project (inventory id), a unit type (e.g. apartment, villa) and bedrooms.</summary>
internal sealed record LeadInterest(Guid? ProjectId, string? UnitType, int? Bedrooms);

/// <summary>The fields a lead's create and edit representations share.</summary>
internal interface ILeadFields
{
    string FirstName { get; }

    string? LastName { get; }

    string? Email { get; }

    string? Phone { get; }

    LeadSource? Source { get; }

    LeadBudget? Budget { get; }

    LeadInterest? Interest { get; }

    string? Notes { get; }

    IReadOnlyList<string>? Tags { get; }
}

/// <summary>
/// A new lead. firstName is required, and an email or a phone (international format, e.g. +971501234567).
/// Without ownerId the lead goes to the next member of a matching round-robin rule, or stays unassigned.
/// </summary>
internal sealed record CreateLeadRequest(
    string FirstName,
    string? LastName,
    string? Email,
    string? Phone,
    LeadSource? Source,
    LeadBudget? Budget,
    LeadInterest? Interest,
    string? Notes,
    IReadOnlyList<string>? Tags,
    Guid? OwnerId) : ILeadFields;

/// <summary>
/// A lead's editable representation: what PATCH (JSON merge patch) applies to. Status, owner and conversion
/// have their own endpoints (/status, /assign, /convert).
/// </summary>
internal sealed record LeadEdit(
    string FirstName,
    string? LastName,
    string? Email,
    string? Phone,
    LeadSource? Source,
    LeadBudget? Budget,
    LeadInterest? Interest,
    string? Notes,
    IReadOnlyList<string>? Tags) : ILeadFields
{
    public static LeadEdit From(Lead lead) => new(
        lead.FirstName,
        lead.LastName,
        lead.Email,
        lead.Phone,
        lead.Source,
        LeadResponse.BudgetOf(lead),
        LeadResponse.InterestOf(lead),
        lead.Notes,
        lead.Tags);
}

/// <summary>What a converted lead became.</summary>
internal sealed record LeadConversion(Guid? ContactId, Guid? CompanyId, Guid? DealId, DateTimeOffset? ConvertedAt);

/// <summary>A lead as the API shows it.</summary>
internal sealed record LeadResponse(
    Guid Id,
    string FirstName,
    string? LastName,
    string FullName,
    string? Email,
    string? Phone,
    LeadSource Source,
    LeadStatus Status,
    string? UnqualifiedReason,
    LeadBudget? Budget,
    LeadInterest? Interest,
    string? Notes,
    IReadOnlyList<string> Tags,
    Guid? OwnerId,
    DateTimeOffset? AssignedAt,
    LeadConversion? Conversion,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    public static LeadResponse From(Lead lead) => new(
        lead.Id,
        lead.FirstName,
        lead.LastName,
        lead.FullName,
        lead.Email,
        lead.Phone,
        lead.Source,
        lead.Status,
        lead.UnqualifiedReason,
        BudgetOf(lead),
        InterestOf(lead),
        lead.Notes,
        lead.Tags,
        lead.OwnerId,
        lead.AssignedAt,
        lead.ConvertedAt is null ? null : new LeadConversion(lead.ConvertedContactId, lead.ConvertedCompanyId, null, lead.ConvertedAt),
        lead.CreatedAt,
        lead.UpdatedAt);

    internal static LeadBudget? BudgetOf(Lead lead) =>
        lead.BudgetMin is null && lead.BudgetMax is null && lead.BudgetCurrency is null
            ? null
            : new LeadBudget(lead.BudgetMin, lead.BudgetMax, lead.BudgetCurrency);

    internal static LeadInterest? InterestOf(Lead lead) =>
        lead.InterestProjectId is null && lead.InterestUnitType is null && lead.InterestBedrooms is null
            ? null
            : new LeadInterest(lead.InterestProjectId, lead.InterestUnitType, lead.InterestBedrooms);
}

/// <summary>
/// The new status of a lead; reason is required for (and only for) unqualified. Allowed: new → contacted |
/// qualified | unqualified, contacted → qualified | unqualified, qualified → unqualified, unqualified → new |
/// contacted (reopen). Converted is reached only through /convert.
/// </summary>
internal sealed record ChangeLeadStatusRequest(LeadStatus? Status, string? Reason);

/// <summary>The user who should own the lead: an active user of the tenant, within the caller's leads.assign scope.</summary>
internal sealed record AssignLeadRequest(Guid UserId);

/// <summary>
/// One record of a batch: without id, data is a new lead (as POST /leads takes it); with id, data is a JSON merge
/// patch of that lead (as PATCH /leads/{id} takes it, which needs leads.update too).
/// </summary>
internal sealed record LeadBatchItem(Guid? Id, JsonElement Data);

/// <summary>1 to 100 records, each created or updated on its own.</summary>
internal sealed record LeadBatchRequest(IReadOnlyList<LeadBatchItem> Items);

/// <summary>One change of a lead, from the audit log: who did what when, and the fields' old and new values.</summary>
internal sealed record LeadHistoryEntry(
    Guid Id, DateTimeOffset OccurredAt, string ActorKind, Guid? ActorId, string Action, JsonElement? Changes, string? CorrelationId);
