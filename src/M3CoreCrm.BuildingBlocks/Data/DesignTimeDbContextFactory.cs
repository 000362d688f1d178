using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace M3CoreCrm.BuildingBlocks.Data;

/// <summary>
/// Lets dotnet-ef build a module context without the host. Migrations are generated, never applied, with it; the
/// connection string is a placeholder (no database is contacted).
/// </summary>
public abstract class DesignTimeDbContextFactory<TContext> : IDesignTimeDbContextFactory<TContext>
    where TContext : ModuleDbContext
{
    public TContext CreateDbContext(string[] args)
    {
        var schema = ModuleDbContextRegistration.SchemaOf<TContext>();
        var options = new DbContextOptionsBuilder<TContext>();
        ModuleDbContextRegistration.Configure(options, "Host=localhost;Database=design_time", schema);
        return (TContext)Activator.CreateInstance(typeof(TContext), options.Options)!;
    }
}
