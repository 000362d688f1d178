using System.Globalization;
using CsvHelper;
using M3CoreCrm.BuildingBlocks.Http;
using M3CoreCrm.Modules.Leads.Domain;
using Microsoft.AspNetCore.Http;

namespace M3CoreCrm.Modules.Leads.Features.Leads;

/// <summary>One data row of an import: its row number (the header is row 1, as a spreadsheet shows it) and its fields.</summary>
internal sealed record ImportRow(int Row, IReadOnlyDictionary<string, string?> Fields)
{
    public string? this[string column] => Fields.TryGetValue(column, out var value) ? value : null;
}

/// <summary>
/// Reads an import CSV (RFC 4180, comma separated, UTF-8, header row): a header with unknown, repeated or missing
/// columns, broken quoting, a row with another number of fields, or more than <see cref="MaxRows"/> rows is refused
/// with 400 naming the row. Values are not judged here, only the file's shape.
/// </summary>
internal static class LeadCsvReader
{
    internal const int MaxRows = 50_000;
    internal const int RequestBytesLimit = 20_000_000;

    private static readonly CsvReaderOptions Options = CsvReaderOptions.Default with
    {
        Separator = ',',
        HasHeader = true,
        MalformedData = CsvMalformedDataHandling.Throw,
        FieldCountMismatch = CsvFieldCountHandling.Throw,
        TrackLineNumbers = true,
        MaxRecordSize = 64 * 1024,
        IncludeValuesInExceptions = false,
    };

    internal static async Task<IReadOnlyList<ImportRow>> ReadAsync(Stream body, CancellationToken cancellationToken)
    {
        await using var csv = CsvReader.Create(body, Options, leaveOpen: true);
        try
        {
            await csv.ReadHeaderAsync(cancellationToken);
            var columns = Columns(csv.Headers);
            var rows = new List<ImportRow>();
            while (await csv.ReadAsync(cancellationToken))
            {
                var row = checked((int)csv.RowNumber + 1);
                if (rows.Count == MaxRows)
                {
                    throw new ApiProblemException(StatusCodes.Status400BadRequest, "import.too_many_rows", "Bad request",
                        $"Row {row}: an import holds at most {MaxRows} rows; split the file.",
                        new Dictionary<string, object?> { ["row"] = row });
                }

                var fields = new Dictionary<string, string?>(StringComparer.Ordinal);
                for (var i = 0; i < columns.Count; i++)
                {
                    fields[columns[i]] = csv.IsEmpty(i) ? null : csv.GetString(i);
                }

                rows.Add(new ImportRow(row, fields));
            }

            return rows;
        }
        catch (CsvFormatException ex)
        {
            var row = (int)Math.Min(ex.RecordNumber, int.MaxValue);
            throw new ApiProblemException(StatusCodes.Status400BadRequest, "import.malformed_csv", "Bad request",
                row > 0 ? $"Row {row}: {Reason(ex)}" : Reason(ex),
                new Dictionary<string, object?> { ["row"] = row > 0 ? row : null });
        }
    }

    /// <summary>The header's columns in order, as the canonical names; 400 naming row 1 for anything else.</summary>
    private static List<string> Columns(IReadOnlyList<string> headers)
    {
        if (headers.Count == 0 || headers.All(string.IsNullOrWhiteSpace))
        {
            throw HeaderProblem("the file is empty; the first row must name the columns.");
        }

        var columns = new List<string>();
        foreach (var header in headers)
        {
            var name = header.Trim().TrimStart('\uFEFF');
            var column = LeadCsvWriter.ImportColumns.FirstOrDefault(c => string.Equals(c, name, StringComparison.OrdinalIgnoreCase))
                ?? throw HeaderProblem($"unknown column '{Shorten(name)}'. Columns: {string.Join(", ", LeadCsvWriter.ImportColumns)}.");
            if (columns.Contains(column))
            {
                throw HeaderProblem($"the column '{column}' appears twice.");
            }

            columns.Add(column);
        }

        if (!columns.Contains("firstName"))
        {
            throw HeaderProblem("the column 'firstName' is required.");
        }

        if (!columns.Contains("email") && !columns.Contains("phone"))
        {
            throw HeaderProblem("an 'email' or a 'phone' column is required.");
        }

        return columns;
    }

    private static ApiProblemException HeaderProblem(string detail) =>
        new(StatusCodes.Status400BadRequest, "import.invalid_header", "Bad request", $"Row 1 (header): {detail}",
            new Dictionary<string, object?> { ["row"] = 1 });

    /// <summary>CsvHelper's message without its record numbering (the row is named in front already).</summary>
    private static string Reason(CsvFormatException ex)
    {
        var message = ex.Message;
        var colon = message.IndexOf("): ", StringComparison.Ordinal);
        return colon >= 0 ? message[(colon + 3)..] : message;
    }

    private static string Shorten(string value) => value.Length > 40 ? value[..40] + "…" : value;

    /// <summary>Builds the create request of a row; values that do not parse are reported under their column.</summary>
    internal static CreateLeadRequest ToRequest(ImportRow row, Dictionary<string, string[]> errors)
    {
        var budgetMin = Parse<decimal>(row, "budgetMin", errors, v => decimal.TryParse(v, NumberStyles.Number, CultureInfo.InvariantCulture, out var d) ? d : null,
            "budgetMin must be a number such as 1500000.00.");
        var budgetMax = Parse<decimal>(row, "budgetMax", errors, v => decimal.TryParse(v, NumberStyles.Number, CultureInfo.InvariantCulture, out var d) ? d : null,
            "budgetMax must be a number such as 2500000.00.");
        var bedrooms = Parse<int>(row, "bedrooms", errors, v => int.TryParse(v, NumberStyles.Integer, CultureInfo.InvariantCulture, out var i) ? i : null,
            "bedrooms must be a whole number.");
        var projectId = Parse<Guid>(row, "projectId", errors, v => Guid.TryParse(v, out var g) ? g : null, "projectId must be a UUID.");
        var ownerId = Parse<Guid>(row, "ownerId", errors, v => Guid.TryParse(v, out var g) ? g : null, "ownerId must be a UUID.");
        var source = Parse<LeadSource>(row, "source", errors, ParseSource,
            $"source must be one of {string.Join(", ", Enum.GetValues<LeadSource>().Select(Lead.Name))}.");
        var currency = row["currency"]?.Trim().ToUpperInvariant();
        var tags = row["tags"]?.Split(LeadCsvWriter.TagSeparator, StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        return new CreateLeadRequest(
            row["firstName"] ?? string.Empty,
            row["lastName"],
            row["email"],
            row["phone"],
            source,
            budgetMin is null && budgetMax is null && currency is null ? null : new LeadBudget(budgetMin, budgetMax, currency),
            projectId is null && row["unitType"] is null && bedrooms is null ? null : new LeadInterest(projectId, row["unitType"], bedrooms),
            row["notes"],
            tags,
            ownerId);
    }

    private static LeadSource? ParseSource(string value) =>
        Enum.GetValues<LeadSource>().Cast<LeadSource?>().FirstOrDefault(s => string.Equals(Lead.Name(s!.Value), value.Trim(), StringComparison.OrdinalIgnoreCase));

    private static T? Parse<T>(ImportRow row, string column, Dictionary<string, string[]> errors, Func<string, T?> parse, string message)
        where T : struct
    {
        if (row[column] is not { } raw || string.IsNullOrWhiteSpace(raw))
        {
            return null;
        }

        var value = parse(raw.Trim());
        if (value is null)
        {
            errors[column] = [message];
        }

        return value;
    }
}
