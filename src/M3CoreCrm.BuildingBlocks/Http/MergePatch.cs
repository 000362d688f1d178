using System.Text.Json;
using System.Text.Json.Nodes;

namespace M3CoreCrm.BuildingBlocks.Http;

/// <summary>
/// JSON merge patch (RFC 7396) applied to a record's editable representation: members present replace, null
/// removes (clears), objects merge recursively, arrays replace. The result is deserialized strictly (unknown members
/// and wrong types give 400) and then validated like a create request.
/// </summary>
public static class MergePatch
{
    public const string MediaType = "application/merge-patch+json";

    public static T Apply<T>(T current, JsonElement patch)
    {
        if (patch.ValueKind != JsonValueKind.Object)
        {
            throw Problems.BadRequest("request.invalid_patch", "A merge patch must be a JSON object.");
        }

        var target = JsonSerializer.SerializeToNode(current, CrmJson.Options) as JsonObject ?? [];
        Merge(target, JsonObject.Create(patch)!);
        try
        {
            return target.Deserialize<T>(CrmJson.Options)
                ?? throw Problems.BadRequest("request.invalid_patch", "The patch leaves no record.");
        }
        catch (JsonException ex)
        {
            throw Problems.BadRequest("request.invalid_patch", $"The patch does not fit the record: {(ex.Path is { Length: > 0 } path ? $"problem at '{path}'" : ex.Message)}.");
        }
    }

    /// <summary>Whether the patch names a member (present, even as null).</summary>
    public static bool Touches(JsonElement patch, string member) =>
        patch.ValueKind == JsonValueKind.Object && patch.TryGetProperty(member, out _);

    private static void Merge(JsonObject target, JsonObject patch)
    {
        foreach (var (name, value) in patch.ToList())
        {
            if (value is null)
            {
                target.Remove(name);
            }
            else if (value is JsonObject patchObject && target[name] is JsonObject targetObject)
            {
                Merge(targetObject, patchObject);
            }
            else
            {
                target[name] = value.DeepClone();
            }
        }
    }
}
