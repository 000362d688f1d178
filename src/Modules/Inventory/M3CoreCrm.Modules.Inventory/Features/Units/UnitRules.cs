using System.Globalization;
using System.Text.RegularExpressions;
using M3CoreCrm.Modules.Inventory.Data;
using M3CoreCrm.Modules.Inventory.Domain;
using M3CoreCrm.Modules.Inventory.Features.Shared;

namespace M3CoreCrm.Modules.Inventory.Features.Units;

internal static partial class UnitRules
{
    internal const int MaxFloor = 300;
    internal const int MaxRooms = 50;
    internal const int MaxGenerated = 2000;
    internal const string DefaultPattern = "{floor}{index:00}";

    internal static int DefaultBedrooms(UnitType type) => type switch
    {
        UnitType.OneBedroom => 1,
        UnitType.TwoBedroom => 2,
        UnitType.ThreeBedroom => 3,
        UnitType.Penthouse => 4,
        UnitType.Villa => 4,
        UnitType.Townhouse => 3,
        _ => 0,
    };

    internal static UnitDetails Details(IUnitFields f)
    {
        var bedrooms = f.Bedrooms ?? DefaultBedrooms(f.Type);
        return new UnitDetails(f.Code.Trim(), f.Floor, f.Type, bedrooms, f.Bathrooms ?? Math.Max(1, bedrooms), f.Area,
            InventoryRules.Clean(f.View), InventoryRules.Clean(f.Orientation), f.ListPrice, f.Currency);
    }

    [GeneratedRegex(@"\{(floor|index)(?::(0{1,4}))?\}", RegexOptions.CultureInvariant)]
    private static partial Regex Placeholder();

    /// <summary>Whether the pattern has both {floor} and {index} (optionally zero-padded, e.g. {index:00}) and nothing else in braces.</summary>
    internal static bool IsValidPattern(string? pattern)
    {
        if (string.IsNullOrWhiteSpace(pattern) || pattern.Length > Limits.Code)
        {
            return false;
        }

        var names = Placeholder().Matches(pattern).Select(m => m.Groups[1].Value).ToList();
        var rest = Placeholder().Replace(pattern, string.Empty);
        return names.Contains("floor") && names.Contains("index") && !rest.Contains('{', StringComparison.Ordinal) && !rest.Contains('}', StringComparison.Ordinal);
    }

    /// <summary>The code of the <paramref name="index"/>-th (1-based) unit on <paramref name="floor"/>.</summary>
    internal static string Code(string pattern, int floor, int index) =>
        Placeholder().Replace(pattern, m =>
        {
            var value = m.Groups[1].Value == "floor" ? floor : index;
            return value.ToString(m.Groups[2].Success ? m.Groups[2].Value : "0", CultureInfo.InvariantCulture);
        });
}
