using System.Text.Json;
using M3CoreCrm.BuildingBlocks.Http;

namespace M3CoreCrm.Modules.Inventory.Features.Bookings;

internal static class PaymentPlans
{
    internal const int MaxMilestones = 48;

    internal static string? Write(IReadOnlyList<PaymentMilestone>? plan) =>
        plan is null or { Count: 0 } ? null : JsonSerializer.Serialize(plan, CrmJson.Options);

    internal static IReadOnlyList<PaymentMilestone>? Read(string? json) =>
        json is null ? null : JsonSerializer.Deserialize<List<PaymentMilestone>>(json, CrmJson.Options);
}

internal static class HoldRules
{
    internal const int DefaultHours = 48;
    internal const int MaxHours = 168;
}
