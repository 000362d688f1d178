using System.Text.Json.Serialization;
using Npgsql;

// Baseline B: GET /raw/{id} — one prepared Npgsql query by (tenant_id, id) on the leads table, serialized to JSON.
// No auth, no tenancy, no EF: the practical limit of one database read per request on this machine.
var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.ClearProviders();
builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.TypeInfoResolverChain.Insert(0, BaselineJson.Default));
var dataSource = NpgsqlDataSource.Create(builder.Configuration["Baseline:ConnectionString"]
    ?? throw new InvalidOperationException("Baseline:ConnectionString is required."));
var tenantId = Guid.Parse(builder.Configuration["Baseline:TenantId"] ?? throw new InvalidOperationException("Baseline:TenantId is required."));

var app = builder.Build();
app.MapGet("/raw/{id:guid}", async (Guid id, CancellationToken ct) =>
{
    await using var command = dataSource.CreateCommand(
        "SELECT id, first_name, last_name, email, phone, status, source, created_at FROM leads.leads WHERE tenant_id = $1 AND id = $2");
    command.Parameters.Add(new NpgsqlParameter { Value = tenantId });
    command.Parameters.Add(new NpgsqlParameter { Value = id });
    await using var reader = await command.ExecuteReaderAsync(ct);
    if (!await reader.ReadAsync(ct))
    {
        return Results.NotFound();
    }

    return Results.Ok(new RawLead(
        reader.GetGuid(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2),
        reader.IsDBNull(3) ? null : reader.GetString(3), reader.IsDBNull(4) ? null : reader.GetString(4),
        reader.GetString(5), reader.GetString(6), reader.GetFieldValue<DateTimeOffset>(7)));
});
app.Run();

internal sealed record RawLead(Guid Id, string FirstName, string? LastName, string? Email, string? Phone, string Status, string Source, DateTimeOffset CreatedAt);

[JsonSerializable(typeof(RawLead))]
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
internal sealed partial class BaselineJson : JsonSerializerContext;
