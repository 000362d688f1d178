using M3CoreCrm.BuildingBlocks.Http;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace M3CoreCrm.Modules.Inventory.Features.Shared;

internal static class InventoryRules
{
    /// <summary>numeric(18,2): up to 16 digits before the point.</summary>
    internal const decimal MaxAmount = 9_999_999_999_999_999.99m;

    /// <summary>numeric(10,2).</summary>
    internal const decimal MaxArea = 99_999_999.99m;

    internal static bool HasAtMostTwoDecimals(decimal value) => decimal.Round(value, 2) == value;

    internal static bool NoControl(string? text) => text is null || !text.Any(char.IsControl);

    internal static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    /// <summary>Whether the save failed on the named unique index.</summary>
    internal static bool IsUniqueViolation(DbUpdateException exception, string index) =>
        exception.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } pg && pg.ConstraintName == index;

    internal static ApiProblemException Field(string field, string message) =>
        Problems.Validation(new Dictionary<string, string[]> { [field] = [message] });
}
