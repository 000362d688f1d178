using System.Text.Json.Nodes;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace M3CoreCrm.Api.Hosting.OpenApi;

/// <summary>
/// Examples on the properties of every record (request and response alike), from a real-estate agency in Dubai, so
/// the reference and Swagger UI show a whole realistic body for each schema. Chosen by property name (a few names
/// depend on the record: a project's name is not a pipeline's), and only where the example fits the property's type
/// and limits.
/// </summary>
internal sealed class ExampleSchemaFilter : ISchemaFilter
{
    private static readonly Dictionary<string, JsonNode> ByName = new(StringComparer.Ordinal)
    {
        ["firstName"] = "Aisha",
        ["lastName"] = "Al Mansoori",
        ["fullName"] = "Aisha Al Mansoori",
        ["displayName"] = "Omar Haddad",
        ["ownerDisplayName"] = "Omar Haddad",
        ["email"] = "aisha.almansoori@example.ae",
        ["ownerEmail"] = "owner@palmrealty.example.ae",
        ["phone"] = "+971501234567",
        ["number"] = "+971501234567",
        ["title"] = "2BR in Grand Bleu Tower, Emaar Beachfront",
        ["subject"] = "Viewing at Grand Bleu Tower",
        ["body"] = "Buyer asked for a sea-view unit on a high floor; budget up to AED 3.2M.",
        ["notes"] = "Prefers a payment plan 60/40; relocating from London in March.",
        ["description"] = "Waterfront towers with direct beach access and Marina views.",
        ["currency"] = "AED",
        ["defaultCurrency"] = "AED",
        ["amount"] = 2850000m,
        ["listPrice"] = 2850000m,
        ["price"] = 2850000m,
        ["basePrice"] = 1950000m,
        ["pricePerFloorStep"] = 15000m,
        ["depositAmount"] = 285000m,
        ["listValue"] = 2850000m,
        ["weighted"] = 1710000m,
        ["min"] = 1500000m,
        ["max"] = 3200000m,
        ["area"] = 1184.5m,
        ["percentage"] = 60m,
        ["bedrooms"] = 2,
        ["bathrooms"] = 3,
        ["floor"] = 24,
        ["floors"] = 45,
        ["fromFloor"] = 10,
        ["unitsPerFloor"] = 6,
        ["probability"] = 60,
        ["rottingDays"] = 14,
        ["durationMinutes"] = 45,
        ["developer"] = "Emaar Properties",
        ["projectName"] = "Emaar Beachfront",
        ["buildingName"] = "Grand Bleu Tower",
        ["location"] = "Dubai Harbour, Dubai",
        ["address"] = "Dubai Harbour, Dubai",
        ["line1"] = "Office 1204, Marina Plaza",
        ["line2"] = "Dubai Marina",
        ["city"] = "Dubai",
        ["region"] = "Dubai",
        ["country"] = "AE",
        ["postalCode"] = "00000",
        ["view"] = "Sea",
        ["orientation"] = "North-West",
        ["unitType"] = "Apartment",
        ["industry"] = "Real estate development",
        ["domain"] = "emaar.example.ae",
        ["timeZone"] = "Asia/Dubai",
        ["slug"] = "palm-realty",
        ["tenant"] = "palm-realty",
        ["lostReason"] = "Chose a ready unit in Dubai Hills instead",
        ["reason"] = "Chose a ready unit in Dubai Hills instead",
        ["unqualifiedReason"] = "Looking to rent, not to buy",
        ["stageName"] = "Viewing done",
        ["fromStageName"] = "Qualified",
        ["toStageName"] = "Viewing done",
        ["wonStageName"] = "Won",
        ["lostStageName"] = "Lost",
        ["pipelineName"] = "Off-plan sales",
        ["roleName"] = "Agent",
        ["createdAt"] = "2026-11-03T09:30:00Z",
        ["updatedAt"] = "2026-11-05T14:12:00Z",
        ["occurredAt"] = "2026-11-04T16:00:00Z",
        ["dueAt"] = "2026-11-10T10:00:00Z",
        ["reminderAt"] = "2026-11-10T09:30:00Z",
        ["expectedCloseDate"] = "2026-12-20",
        ["handoverDate"] = "2028-06-30",
        ["dueDate"] = "2026-11-10",
    };

    /// <summary>The name of a record depends on the record.</summary>
    private static readonly (string TypeNamePart, string Name)[] Names =
    [
        ("Project", "Emaar Beachfront"),
        ("Building", "Grand Bleu Tower"),
        ("Pipeline", "Off-plan sales"),
        ("Stage", "Viewing done"),
        ("Role", "Senior agent"),
        ("Group", "Dubai Marina team"),
        ("Company", "Emaar Properties"),
        ("ApiKey", "Property Finder lead sync"),
        ("Tenant", "Palm Realty"),
    ];

// OpenAPI 3.0 has one `example` per schema; Microsoft.OpenApi marks that property obsolete in favour of 3.1's list.
#pragma warning disable CS0618
    public void Apply(IOpenApiSchema schema, SchemaFilterContext context)
    {
        if (schema is not OpenApiSchema { Properties.Count: > 0 } record)
        {
            return;
        }

        foreach (var (name, property) in record.Properties)
        {
            if (property is not OpenApiSchema { Example: null, Enum: null or { Count: 0 } } inline || Example(name, context.Type) is not { } example)
            {
                continue;
            }

            if (Fits(inline, example))
            {
                inline.Example = example.DeepClone();
            }
        }
    }

#pragma warning restore CS0618

    private static JsonNode? Example(string property, Type record)
    {
        if (property == "name")
        {
            var match = Names.FirstOrDefault(n => record.Name.Contains(n.TypeNamePart, StringComparison.Ordinal));
            return match.Name ?? "Aisha Al Mansoori";
        }

        return ByName.GetValueOrDefault(property);
    }

    private static bool Fits(OpenApiSchema schema, JsonNode example)
    {
        var type = (schema.Type ?? 0) & ~JsonSchemaType.Null;
        var value = example.GetValue<object>();
        return value switch
        {
            string text => type == JsonSchemaType.String
                && (schema.MaxLength is null || text.Length <= schema.MaxLength) && (schema.MinLength is null || text.Length >= schema.MinLength)
                && (schema.Format is null || (schema.Format == "date-time" && text.Contains('T', StringComparison.Ordinal))
                    || (schema.Format == "date" && text.Length == 10)),
            int number => type is JsonSchemaType.Integer or JsonSchemaType.Number && InRange(schema, number),
            decimal number => type == JsonSchemaType.Number && InRange(schema, number),
            _ => false,
        };
    }

    private static bool InRange(OpenApiSchema schema, decimal value) =>
        (!decimal.TryParse(schema.Minimum, System.Globalization.CultureInfo.InvariantCulture, out var min) || value >= min)
        && (!decimal.TryParse(schema.Maximum, System.Globalization.CultureInfo.InvariantCulture, out var max) || value <= max);
}
