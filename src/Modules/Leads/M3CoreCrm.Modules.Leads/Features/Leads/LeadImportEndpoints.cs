using M3CoreCrm.BuildingBlocks.Authorization;
using M3CoreCrm.BuildingBlocks.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Net.Http.Headers;

namespace M3CoreCrm.Modules.Leads.Features.Leads;

/// <summary>
/// POST /api/v1/leads/import: a text/csv body of up to 50,000 rows (20 MB). Columns (header row, any order, any
/// case): firstName (required), lastName, email, phone (one of the two), source, budgetMin, budgetMax, currency,
/// projectId, unitType, bedrooms, tags (separated by ';'), notes, ownerId.
/// </summary>
internal static class LeadImportEndpoints
{
    internal static void Map(IEndpointRouteBuilder leads) =>
        leads.MapPost("/import", ImportAsync)
            .WithName("ImportLeads")
            .WithSummary("Import leads from CSV (text/csv, up to 50,000 rows): a report of created, duplicate and rejected rows; saved in batches of 500 rows, each all or nothing.")
            .RequirePermission(LeadsPermissions.Import)
            .AnswersWith(StatusCodes.Status400BadRequest, "import.invalid_header", "import.malformed_csv", "import.too_many_rows")
            .Accepts<string>(LeadCsvWriter.ContentType)
            .WithMetadata(new RequestSizeLimitAttribute(LeadCsvReader.RequestBytesLimit))
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);

    private static async Task<Ok<LeadImportReport>> ImportAsync(
        HttpRequest request, [FromQuery] bool? allowDuplicate, LeadImporter importer, CancellationToken ct)
    {
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var type) || !type.MediaType.Equals(LeadCsvWriter.ContentType, StringComparison.OrdinalIgnoreCase))
        {
            throw new ApiProblemException(StatusCodes.Status415UnsupportedMediaType, "request.unsupported_media_type", "Unsupported media type",
                "The import body must be CSV (Content-Type: text/csv).");
        }

        var rows = await LeadCsvReader.ReadAsync(request.Body, ct);
        return TypedResults.Ok(await importer.ImportAsync(rows, allowDuplicate == true, ct));
    }
}
