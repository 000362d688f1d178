namespace M3CoreCrm.Modules.Leads.Features.Leads;

/// <summary>The CSV columns of leads: what the export writes, and the subset the import reads.</summary>
internal static class LeadCsvWriter
{
    /// <summary>Multiple tags share one field, separated by this (tags cannot contain it).</summary>
    internal const char TagSeparator = ';';

    internal const string ContentType = "text/csv";

    internal static readonly string[] ExportColumns =
    [
        "id", "firstName", "lastName", "email", "phone", "source", "status", "unqualifiedReason",
        "budgetMin", "budgetMax", "currency", "projectId", "unitType", "bedrooms", "tags", "notes",
        "ownerId", "contactId", "companyId", "convertedAt", "createdAt", "updatedAt",
    ];

    internal static readonly string[] ImportColumns =
    [
        "firstName", "lastName", "email", "phone", "source", "budgetMin", "budgetMax", "currency",
        "projectId", "unitType", "bedrooms", "tags", "notes", "ownerId",
    ];

    /// <summary>
    /// Free text that a spreadsheet would run as a formula (starting with = + - @, tab or CR) gets a leading
    /// apostrophe. Only for free text: phones (E.164, "+...") and numbers are written as they are.
    /// </summary>
    internal static string? Text(string? value) =>
        value is { Length: > 0 } && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + value : value;
}
