namespace M3CoreCrm.Modules.Leads.Domain;

/// <summary>
/// The editable facts of a lead, already validated and normalized (trimmed text, E.164 phone, lower-case tags):
/// what creating and changing a lead take.
/// </summary>
internal sealed record LeadDetails(
    string FirstName,
    string? LastName,
    string? Email,
    string? Phone,
    LeadSource Source,
    decimal? BudgetMin,
    decimal? BudgetMax,
    string? Currency,
    Guid? ProjectId,
    string? UnitType,
    int? Bedrooms,
    string? Notes,
    IReadOnlyList<string> Tags)
{
    public string? NormalizedEmail => Email is null ? null : LeadRules.NormalizeEmail(Email);
}
