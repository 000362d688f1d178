using System.Text;
using M3CoreCrm.BuildingBlocks.Authorization;
using M3CoreCrm.BuildingBlocks.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace M3CoreCrm.Api.Hosting.OpenApi;

/// <summary>
/// Every operation's description: the route's own text (<c>.WithDescription</c>, else its summary), then what it needs
/// of the caller (<see cref="PermissionText"/>), its idempotency and concurrency behaviour, and the problem codes it
/// can answer with. All of it comes from endpoint metadata, so it says what the route does, not what someone wrote.
/// Runs after the filters that add the If-Match header and the 412 response.
/// </summary>
internal sealed class OperationDescriptionFilter(PermissionCatalog catalog) : IOperationFilter
{
    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        var metadata = context.ApiDescription.ActionDescriptor.EndpointMetadata;
        var text = new StringBuilder();
        text.Append(string.IsNullOrWhiteSpace(operation.Description) ? operation.Summary : operation.Description).Append("\n\n");
        text.Append(PermissionText.For(metadata.ToList(), catalog)).Append("\n\n");

        var hasIdempotencyKey = operation.Parameters?.Any(p => p.Name == IdempotencyKeyFilter.HeaderName) == true;
        if (hasIdempotencyKey)
        {
            text.Append("**Idempotency:** send an `Idempotency-Key` header to make a retry safe: the same key with the same body replays ")
                .Append("the first answer for 24 hours; the same key with another body answers 422 `idempotency.key_reused`.\n\n");
        }

        var honoursIfMatch = operation.Parameters?.Any(p => p.Name == ETagFilter.IfMatchHeader) == true;
        var returnsETag = (operation.Responses ?? []).Any(r => r.Key.StartsWith('2') && r.Value.Headers?.ContainsKey(ETagFilter.ETagHeader) == true);
        if (honoursIfMatch || returnsETag)
        {
            text.Append("**Concurrency:** ");
            if (returnsETag)
            {
                text.Append("the answer's `ETag` header is the record's version. ");
            }

            if (honoursIfMatch)
            {
                text.Append("Send it back in `If-Match`: if the record changed since, the answer is 412 `request.precondition_failed` and nothing changes.");
            }

            text.Append("\n\n");
        }

        var codes = Codes(operation, context, metadata, hasIdempotencyKey, honoursIfMatch);
        if (codes.Count > 0)
        {
            text.Append("**Problem codes:**\n\n");
            foreach (var (status, codesOfStatus) in codes)
            {
                text.Append("- ").Append(status).Append(": ").AppendJoin(", ", codesOfStatus.Select(c => $"`{c}`")).Append('\n');
            }
        }

        operation.Description = text.ToString().TrimEnd();
    }

    /// <summary>The codes by status: the route's declared ones first, then those its documented statuses imply.</summary>
    private static SortedDictionary<int, List<string>> Codes(
        OpenApiOperation operation, OperationFilterContext context, IList<object> metadata, bool hasIdempotencyKey, bool honoursIfMatch)
    {
        var codes = new SortedDictionary<int, List<string>>();
        void Add(int status, string code)
        {
            if (!codes.TryGetValue(status, out var list))
            {
                codes[status] = list = [];
            }

            if (!list.Contains(code, StringComparer.Ordinal))
            {
                list.Add(code);
            }
        }

        foreach (var declared in metadata.OfType<ProblemCodeMetadata>())
        {
            Add(declared.Status, declared.Code);
        }

        var statuses = (operation.Responses ?? []).Keys.Select(k => int.TryParse(k, out var s) ? s : 0).Where(s => s >= 400).ToHashSet();
        var validates = metadata.OfType<IProducesResponseTypeMetadata>().Any(p => p.StatusCode == 400 && p.Type == typeof(HttpValidationProblemDetails));
        if (validates)
        {
            Add(400, "validation.failed");
        }

        if (hasIdempotencyKey)
        {
            Add(400, "idempotency.invalid_key");
            Add(409, "idempotency.in_flight");
            Add(422, "idempotency.key_reused");
        }

        if (statuses.Contains(404) && RecordOfPath(context.ApiDescription.RelativePath) is { } record)
        {
            Add(404, $"{record}.not_found");
        }

        if (honoursIfMatch)
        {
            Add(412, "request.precondition_failed");
        }

        foreach (var status in statuses.Where(s => s is 401 or 403 or 429 or 500 or 415))
        {
            Add(status, Problems.DefaultCode(status));
        }

        if (statuses.Contains(400) && !validates && !codes.ContainsKey(400))
        {
            Add(400, Problems.DefaultCode(400));
        }

        return codes;
    }

    /// <summary>"api/v1/deals/{id}/win" names a deal: the collection before the last id, in the singular of its codes.</summary>
    private static string? RecordOfPath(string? path)
    {
        var segments = (path ?? "").Split('/', StringSplitOptions.RemoveEmptyEntries);
        var lastId = Array.FindLastIndex(segments, s => s.StartsWith('{'));
        if (lastId < 1 || segments[lastId - 1].StartsWith('{'))
        {
            return null;
        }

        var collection = segments[lastId - 1].Replace("-", "", StringComparison.Ordinal);
        return collection switch
        {
            _ when collection.EndsWith("ies", StringComparison.Ordinal) => collection[..^3] + "y",
            _ when collection.EndsWith("ses", StringComparison.Ordinal) => collection[..^2],
            _ when collection.EndsWith('s') => collection[..^1],
            _ => collection,
        };
    }
}
