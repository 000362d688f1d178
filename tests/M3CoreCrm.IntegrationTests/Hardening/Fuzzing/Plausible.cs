namespace M3CoreCrm.IntegrationTests.Hardening.Fuzzing;

/// <summary>
/// What a real client sends for a member, by its name: so that the boundary phase's mostly plausible bodies get
/// past validation and into the handlers and the database, where the remaining hostile values then land.
/// </summary>
internal static class Plausible
{
    internal static string Text(Draw draw, string? name) => name?.ToUpperInvariant() switch
    {
        "EMAIL" or "OWNEREMAIL" or "ADDRESS" => $"fuzz{draw.Below(1_000_000)}@example.com",
        "PHONE" or "NUMBER" => draw.OneOf(["+971501234567", "+14155550100", "+447700900123"]),
        "CURRENCY" or "DEFAULTCURRENCY" => draw.OneOf(["AED", "USD"]),
        "COUNTRY" => draw.OneOf(["AE", "GB"]),
        "DOMAIN" => $"fuzz{draw.Below(1_000)}.example.com",
        "TIMEZONE" => "Asia/Dubai",
        "CODE" => $"F-{draw.Below(1_000_000)}",
        "CODEPATTERN" => "{floor}{index:00}",
        "TYPE" => "lead",
        "UNITTYPE" => "twoBedroom",
        "EVENT" => "handover",
        "SLUG" => $"fuzz-{draw.Below(1_000_000)}",
        "PERMISSION" => draw.OneOf(["leads.read", "contacts.read", "deals.read"]),
        "PASSWORD" or "CURRENTPASSWORD" or "NEWPASSWORD" or "OWNERPASSWORD" => "Correct-Horse-Battery-9",
        _ => draw.OneOf(["Alpha", "Beta Gamma", "Fuzz Case", "Zoë", "محمد", "Ops & Sales"]),
    };

    internal static string Number(Draw draw, string? name) => name?.ToUpperInvariant() switch
    {
        "MIN" => "500000",
        "MAX" => "2500000",
        "AMOUNT" or "LISTPRICE" or "BASEPRICE" => draw.OneOf(["250000", "1850000", "999999.99"]),
        "DEPOSITAMOUNT" => "10000",
        "PRICEPERFLOORSTEP" => "5000",
        "AREA" => "85.5",
        "PERCENTAGE" => "100",
        "PROBABILITY" => "50",
        "HOURS" => "24",
        "FLOORS" or "UNITSPERFLOOR" or "BEDROOMS" or "BATHROOMS" or "PRIORITY" or "POSITION" => draw.OneOf(["1", "2", "3"]),
        "FLOOR" or "FROMFLOOR" => draw.OneOf(["1", "2", "12"]),
        "DURATIONMINUTES" => "30",
        "ROTTINGDAYS" => "7",
        _ => draw.OneOf(["1", "2", "5", "10"]),
    };
}
