using M3CoreCrm.ArchitectureTests.Support;
using M3CoreCrm.BuildingBlocks.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace M3CoreCrm.ArchitectureTests.Tenancy;

/// <summary>One schema per module context: its tables and its migrations history live there and nowhere else.</summary>
public sealed class ModuleSchemaTests
{
    private static string? StaticSchemaOf(Type context) =>
        context.GetProperty(nameof(IModuleSchema.SchemaName))?.GetValue(null) as string;

    [Fact]
    public void Every_context_implements_IModuleSchema()
    {
        Violations.AssertNone(
            ModuleDbContexts.All.Where(c => !typeof(IModuleSchema).IsAssignableFrom(c)).Select(c => c.FullName!),
            "Contexts without IModuleSchema");
    }

    [Fact]
    public void Schemas_are_unique_across_contexts()
    {
        var duplicates = ModuleDbContexts.All
            .GroupBy(c => StaticSchemaOf(c) ?? string.Empty, StringComparer.OrdinalIgnoreCase)
            .Where(g => g.Count() > 1)
            .Select(g => $"'{g.Key}': {string.Join(", ", g.Select(c => c.Name))}");

        Violations.AssertNone(duplicates, "Schemas used by more than one context");
    }

    [Fact]
    public void Each_context_keeps_its_tables_and_migrations_history_in_its_schema()
    {
        var violations = new List<string>();
        foreach (var contextType in ModuleDbContexts.All)
        {
            var schema = StaticSchemaOf(contextType);
            using var context = ModuleDbContexts.CreateDesignTime(contextType);
            var history = RelationalOptionsExtension.Extract(context.GetService<IDbContextOptions>()).MigrationsHistoryTableSchema;

            if (string.IsNullOrWhiteSpace(schema) || context.Schema != schema || context.Model.GetDefaultSchema() != schema || history != schema)
            {
                violations.Add($"{contextType.Name}: SchemaName '{schema}', Schema '{context.Schema}', model '{context.Model.GetDefaultSchema()}', history '{history}'");
            }
        }

        Violations.AssertNone(violations, "Contexts whose schema names disagree");
    }
}
