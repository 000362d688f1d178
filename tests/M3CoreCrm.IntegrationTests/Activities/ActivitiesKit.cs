using System.Text.Json;
using M3CoreCrm.IntegrationTests.Contacts;
using M3CoreCrm.IntegrationTests.Deals;

namespace M3CoreCrm.IntegrationTests.Activities;

/// <summary>Helpers of the activities tests: records to target (through the Contacts API), activities and tasks.</summary>
internal static class ActivitiesKit
{
    internal static async Task<Guid> NewContactAsync(this HttpClient client, string name = "Ayesha") =>
        (await ContactsKit.CreateSimpleContactAsync(client, name)).GetProperty("id").GetGuid();

    internal static async Task<Guid> NewCompanyAsync(this HttpClient client, string name = "Palm Realty") =>
        (await ContactsKit.CreateCompanyAsync(client, new { name = name + " " + Guid.NewGuid().ToString("N")[..6] })).GetProperty("id").GetGuid();

    internal static object Target(string type, Guid id) => new { type, id };

    internal static Task<Reply> LogAsync(this HttpClient client, object body) => client.PostAsync("/api/v1/activities", body);

    /// <summary>A note on the records (201 expected).</summary>
    internal static async Task<JsonElement> NoteAsync(this HttpClient client, DateTimeOffset occurredAt, params object[] targets) =>
        (await client.LogAsync(new { type = "note", subject = "Note", occurredAt, targets })).Created();

    internal static async Task<JsonElement> NewTaskAsync(this HttpClient client, DateTimeOffset dueAt, object[] targets, Guid? assigneeId = null, string title = "Call back") =>
        (await client.PostAsync("/api/v1/tasks", new { title, dueAt, assigneeId, targets })).Created();

    internal static List<(string Type, Guid Id, bool Deleted)> Targets(this JsonElement record) =>
        record.GetProperty("targets").EnumerateArray()
            .Select(t => (t.GetProperty("type").GetString()!, t.GetProperty("id").GetGuid(), t.GetProperty("targetDeleted").GetBoolean()))
            .ToList();
}
