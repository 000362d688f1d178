using System.Text.Json;
using M3CoreCrm.BuildingBlocks.Http;

namespace M3CoreCrm.Modules.Contacts.Features.Shared;

/// <summary>Reads a batch item's data strictly (the API's JSON rules); a bad item fails alone with 400.</summary>
internal static class BatchItems
{
    public static T Read<T>(JsonElement data)
    {
        try
        {
            return data.Deserialize<T>(CrmJson.Options) ?? throw Problems.BadRequest("batch.invalid_item", "data must be a JSON object.");
        }
        catch (JsonException ex)
        {
            throw Problems.BadRequest("batch.invalid_item",
                $"data does not fit the record: {(ex.Path is { Length: > 0 } path ? $"problem at '{path}'" : "malformed JSON")}.");
        }
    }
}
