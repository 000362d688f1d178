using System.Globalization;
using CsvHelper;
using M3CoreCrm.BuildingBlocks.Authorization;
using M3CoreCrm.Modules.Leads.Domain;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace M3CoreCrm.Modules.Leads.Features.Leads;

/// <summary>
/// GET /api/v1/leads/export: the filtered list as CSV, streamed: rows are written as the database returns them
/// (AsAsyncEnumerable), so memory does not grow with the number of leads.
/// </summary>
internal static class LeadExportEndpoints
{
    internal static void Map(IEndpointRouteBuilder leads) =>
        leads.MapGet("/export", ExportAsync)
            .WithName("ExportLeads")
            .WithSummary("Export the leads the caller may read as CSV (text/csv, streamed), with the list's filters and sort.")
            .RequirePermission(LeadsPermissions.Read)
            .Produces<string>(StatusCodes.Status200OK, LeadCsvWriter.ContentType)
            .ProducesProblem(StatusCodes.Status400BadRequest);

    private static async Task<PushStreamHttpResult> ExportAsync(
        [AsParameters] LeadFilter filter,
        [FromQuery] string? sort,
        LeadQueries finder,
        TimeProvider clock,
        HttpContext http,
        CancellationToken ct)
    {
        // Everything that can fail with 400 happens before the first byte is sent.
        var query = await finder.ExportAsync(filter, sort, ct);
        var fileName = $"leads-{clock.GetUtcNow():yyyyMMdd-HHmmss}.csv";
        return TypedResults.Stream(stream => WriteAsync(stream, query, http.RequestAborted), LeadCsvWriter.ContentType, fileName);
    }

    private static async Task WriteAsync(Stream stream, IQueryable<Lead> query, CancellationToken ct)
    {
        // The query runs before the first byte is written: a database that is down (or a failing query) still gets
        // its problem response (503), instead of a download cut off after the header line.
        await using var rows = query.AsAsyncEnumerable().WithCancellation(ct).GetAsyncEnumerator();
        var more = await rows.MoveNextAsync();
        await using var csv = CsvWriter.Create(stream, CsvWriterOptions.Default with { NewLine = "\n" }, leaveOpen: true);
        foreach (var column in LeadCsvWriter.ExportColumns)
        {
            csv.WriteField(column);
        }

        await csv.EndRecordAsync(ct);
        for (; more; more = await rows.MoveNextAsync())
        {
            var lead = rows.Current;
            csv.WriteField(lead.Id.ToString());
            csv.WriteField(LeadCsvWriter.Text(lead.FirstName));
            csv.WriteField(LeadCsvWriter.Text(lead.LastName));
            csv.WriteField(LeadCsvWriter.Text(lead.Email));
            csv.WriteField(lead.Phone);
            csv.WriteField(Lead.Name(lead.Source));
            csv.WriteField(Lead.Name(lead.Status));
            csv.WriteField(LeadCsvWriter.Text(lead.UnqualifiedReason));
            csv.WriteField(lead.BudgetMin is { } min ? LeadRules.FormatMoney(min) : null);
            csv.WriteField(lead.BudgetMax is { } max ? LeadRules.FormatMoney(max) : null);
            csv.WriteField(lead.BudgetCurrency);
            csv.WriteField(lead.InterestProjectId?.ToString());
            csv.WriteField(LeadCsvWriter.Text(lead.InterestUnitType));
            csv.WriteField(lead.InterestBedrooms?.ToString(CultureInfo.InvariantCulture));
            csv.WriteField(string.Join(LeadCsvWriter.TagSeparator, lead.Tags));
            csv.WriteField(LeadCsvWriter.Text(lead.Notes));
            csv.WriteField(lead.OwnerId?.ToString());
            csv.WriteField(lead.ConvertedContactId?.ToString());
            csv.WriteField(lead.ConvertedCompanyId?.ToString());
            csv.WriteField(Timestamp(lead.ConvertedAt));
            csv.WriteField(Timestamp(lead.CreatedAt));
            csv.WriteField(Timestamp(lead.UpdatedAt));
            await csv.EndRecordAsync(ct);
        }

        await csv.FlushAsync(ct);
    }

    private static string? Timestamp(DateTimeOffset? value) =>
        value?.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);
}
