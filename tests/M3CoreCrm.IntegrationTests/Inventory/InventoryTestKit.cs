using System.Text.Json;
using M3CoreCrm.IntegrationTests.Deals;

namespace M3CoreCrm.IntegrationTests.Inventory;

/// <summary>Setup helpers of the inventory tests: a project with a building, generated units.</summary>
internal static class InventoryTestKit
{
    internal const string Base = "/api/v1/inventory";

    internal static async Task<(Guid ProjectId, Guid BuildingId)> ProjectWithBuildingAsync(this HttpClient client, int floors = 20)
    {
        var project = (await client.PostAsync($"{Base}/projects", new { name = "Marina Test Tower", location = "Dubai Marina", developer = "Dev Co", status = "launched" })).Created();
        var building = (await client.PostAsync($"{Base}/buildings", new { projectId = project.Id(), name = "Tower A", floors })).Created();
        return (project.Id(), building.Id());
    }

    /// <summary>Generates floors × unitsPerFloor two-bedroom units (codes {floor}{index:00}); returns them.</summary>
    internal static async Task<List<JsonElement>> GenerateAsync(this HttpClient client, Guid buildingId, int floors = 2, int unitsPerFloor = 3, decimal basePrice = 1_000_000m, int fromFloor = 1, string type = "twoBedroom") =>
        (await client.PostAsync($"{Base}/buildings/{buildingId}/units/generate", new
        {
            floors, unitsPerFloor, fromFloor, type, area = 100.5m, basePrice, pricePerFloorStep = 10_000m, currency = "AED", view = "Sea",
        })).Created().GetProperty("items").EnumerateArray().ToList();

    /// <summary>One fresh available unit in a new project.</summary>
    internal static async Task<Guid> UnitAsync(this HttpClient client)
    {
        var (_, building) = await client.ProjectWithBuildingAsync();
        return (await client.GenerateAsync(building, floors: 1, unitsPerFloor: 1))[0].Id();
    }

    internal static async Task<string> UnitStatusAsync(this HttpClient client, Guid unitId) =>
        (await client.FetchAsync($"{Base}/units/{unitId}")).Ok().Str("status");

    internal static async Task<List<JsonElement>> HistoryAsync(this HttpClient client, Guid unitId) =>
        (await client.FetchAsync($"{Base}/units/{unitId}/history")).Ok().EnumerateArray().ToList();

    internal static object Plan(params decimal[] percentages) =>
        percentages.Select((p, i) => (object)(i % 2 == 0
            ? new { label = $"Milestone {i + 1}", percentage = p, dueDate = new DateOnly(2027, 1, 1).AddMonths(i) }
            : new { label = $"Milestone {i + 1}", percentage = p, @event = "handover" })).ToArray();
}
