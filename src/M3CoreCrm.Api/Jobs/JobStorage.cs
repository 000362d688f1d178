using JasperFx;
using Npgsql;
using Wolverine;
using Wolverine.Runtime;

namespace M3CoreCrm.Api.Jobs;

/// <summary>
/// Creates or updates the engine's tables as the owner role, for the migrate command: a throwaway engine host with
/// the owner's connection and no handlers, never started, whose store applies its own schema.
/// </summary>
internal static class JobStorage
{
    internal static async Task MigrateAsync(IConfiguration configuration, string ownerConnectionString, CancellationToken cancellationToken)
    {
        var settings = configuration.GetSection(JobSettings.Section).Get<JobSettings>() ?? new JobSettings();
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.UseWolverine(options =>
        {
            JobsSetup.ConfigureStorage(options, settings, ownerConnectionString, AutoCreate.CreateOrUpdate);
        });
        using var host = builder.Build();
        await host.Services.GetRequiredService<IWolverineRuntime>().Storage.Admin.MigrateAsync();
    }

    /// <summary>The runtime role reads and writes the engine's tables and owns none of them.</summary>
    internal static async Task GrantAsync(NpgsqlConnection owner, IConfiguration configuration, string role, CancellationToken cancellationToken)
    {
        var schema = Quote((configuration.GetSection(JobSettings.Section).Get<JobSettings>() ?? new JobSettings()).Schema);
        var grantee = Quote(role);
        string[] statements =
        [
            $"GRANT USAGE ON SCHEMA {schema} TO {grantee}",
            $"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA {schema} TO {grantee}",
            $"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA {schema} TO {grantee}",
            $"GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA {schema} TO {grantee}",
        ];
        foreach (var sql in statements)
        {
            await using var command = new NpgsqlCommand(sql, owner);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    private static string Quote(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
