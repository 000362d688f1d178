namespace M3CoreCrm.Modules.Leads.Domain;

/// <summary>Where a lead came from.</summary>
internal enum LeadSource
{
    Website,
    Portal,
    Referral,
    WalkIn,
    Campaign,
    Social,
    Other,
}

/// <summary>
/// A lead's place in qualification. Open: new, contacted, qualified. Final: converted (only through conversion).
/// Unqualified carries a reason and can be reopened.
/// </summary>
internal enum LeadStatus
{
    New,
    Contacted,
    Qualified,
    Converted,
    Unqualified,
}
