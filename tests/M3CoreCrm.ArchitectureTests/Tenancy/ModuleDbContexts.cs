using M3CoreCrm.ArchitectureTests.Support;
using M3CoreCrm.BuildingBlocks.Data;

namespace M3CoreCrm.ArchitectureTests.Tenancy;

/// <summary>Every concrete module DbContext, and a way to build its model without a database.</summary>
internal static class ModuleDbContexts
{
    internal static IReadOnlyList<Type> All { get; } = CrmAssemblies.WithDbContexts
        .SelectMany(CrmAssemblies.TypesOf)
        .Where(t => t is { IsClass: true, IsAbstract: false } && t.IsSubclassOf(typeof(ModuleDbContext)))
        .OrderBy(t => t.FullName, StringComparer.Ordinal)
        .ToList();

    private static readonly List<Type> Factories = CrmAssemblies.WithDbContexts
        .SelectMany(CrmAssemblies.TypesOf)
        .Where(t => t is { IsClass: true, IsAbstract: false } && FactoryBaseOf(t) is not null)
        .ToList();

    /// <summary>The context's DesignTimeDbContextFactory subclass (what dotnet-ef uses), or null.</summary>
    internal static Type? DesignTimeFactoryOf(Type context) =>
        Factories.SingleOrDefault(f => FactoryBaseOf(f)!.GetGenericArguments()[0] == context);

    /// <summary>
    /// Builds the context as dotnet-ef does. Its connection string is a placeholder; reading the model never
    /// opens a connection.
    /// </summary>
    internal static ModuleDbContext CreateDesignTime(Type context)
    {
        var factoryType = DesignTimeFactoryOf(context)
            ?? throw new InvalidOperationException($"{context.FullName} has no DesignTimeDbContextFactory subclass.");
        var factory = Activator.CreateInstance(factoryType, nonPublic: true)!;
        return (ModuleDbContext)factoryType.GetMethod("CreateDbContext")!.Invoke(factory, [Array.Empty<string>()])!;
    }

    private static Type? FactoryBaseOf(Type type)
    {
        for (var t = type.BaseType; t is not null; t = t.BaseType)
        {
            if (t.IsGenericType && t.GetGenericTypeDefinition() == typeof(DesignTimeDbContextFactory<>))
            {
                return t;
            }
        }

        return null;
    }
}
