namespace M3CoreCrm.Modules.Webhooks.Contracts;

/// <summary>
/// The catalogue of event types a webhook subscription may ask for: what integrators see in <c>type</c>. A module
/// names its events here, so that the catalogue and the events actually sent cannot drift apart.
/// </summary>
public static class WebhookEventTypes
{
    public const string LeadCreated = "lead.created";
    public const string LeadUpdated = "lead.updated";
    public const string LeadAssigned = "lead.assigned";
    public const string LeadStatusChanged = "lead.status_changed";
    public const string LeadConverted = "lead.converted";
    public const string ContactsMerged = "contact.merged";
    public const string DealWon = "deal.won";
    public const string DealLost = "deal.lost";

    /// <summary>Sent by a subscription's test ping only; never by a record change.</summary>
    public const string Ping = "webhook.ping";

    public static IReadOnlyList<string> All { get; } =
        [LeadCreated, LeadUpdated, LeadAssigned, LeadStatusChanged, LeadConverted, ContactsMerged, DealWon, DealLost];

    public static bool IsKnown(string type) => All.Contains(type, StringComparer.Ordinal);
}
