using System.Text.Json;
using M3CoreCrm.BuildingBlocks.Http;

namespace M3CoreCrm.Modules.Activities.Features.Shared;

/// <summary>Query-string enums as the API spells them (camelCase, case-insensitive); 400 naming the field otherwise.</summary>
internal static class EnumQuery
{
    public static T? Parse<T>(string? value, string field)
        where T : struct, Enum
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        var names = Enum.GetValues<T>().ToDictionary(v => JsonNamingPolicy.CamelCase.ConvertName(v.ToString()), StringComparer.OrdinalIgnoreCase);
        return names.TryGetValue(value.Trim(), out var parsed)
            ? parsed
            : throw Problems.Validation(new Dictionary<string, string[]> { [field] = [$"{field} is one of {string.Join(", ", names.Keys)}."] });
    }
}
