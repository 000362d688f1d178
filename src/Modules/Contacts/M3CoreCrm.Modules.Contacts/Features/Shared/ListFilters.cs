using M3CoreCrm.BuildingBlocks.Data;
using M3CoreCrm.BuildingBlocks.Http;
using M3CoreCrm.Modules.Contacts.Domain;

namespace M3CoreCrm.Modules.Contacts.Features.Shared;

/// <summary>Checks and normalizes the list filters both lists share (tags, created range, q).</summary>
internal static class ListFilters
{
    internal const int MaxSearchLength = 200;

    /// <summary>Tags from repeated (<c>tags=a&amp;tags=b</c>) or comma-separated (<c>tags=a,b</c>) values; a record must have all.</summary>
    public static List<string> Tags(string[]? tags)
    {
        var values = (tags ?? []).SelectMany(t => t.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToList();
        if (values.Any(t => !ContactPointRules.IsValidTag(t)))
        {
            throw Problems.Validation(new Dictionary<string, string[]> { ["tags"] = ["Each tag is 1 to 50 characters."] });
        }

        return values.Select(ContactPointRules.NormalizeTag).Distinct(StringComparer.Ordinal).ToList();
    }

    public static void CreatedRange(DateTimeOffset? from, DateTimeOffset? to)
    {
        if (from is { } f && to is { } t && f > t)
        {
            throw Problems.Validation(new Dictionary<string, string[]> { ["createdFrom"] = ["createdFrom must not be after createdTo."] });
        }
    }

    /// <summary>The LIKE pattern of <c>q</c> over the lower-case search column ('%', '_' and '\' escaped); null without q.</summary>
    public static string? SearchPattern(string? q)
    {
        if (string.IsNullOrWhiteSpace(q))
        {
            return null;
        }

        if (q.Length > MaxSearchLength || ContactPointRules.HasControlCharacters(q))
        {
            throw Problems.Validation(new Dictionary<string, string[]> { ["q"] = [$"q is at most {MaxSearchLength} characters, without control characters."] });
        }

        return LikePattern.Contains(ContactPointRules.NormalizeSearch(q));
    }
}
