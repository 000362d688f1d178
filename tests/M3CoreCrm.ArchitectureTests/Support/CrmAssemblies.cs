using System.Reflection;
using M3CoreCrm.BuildingBlocks.Modules;

namespace M3CoreCrm.ArchitectureTests.Support;

/// <summary>
/// The assemblies under rule. Modules are found by file name in the output folder (the host references every
/// module, so they are copied here), not listed: a new module is covered without touching the tests.
/// </summary>
internal static class CrmAssemblies
{
    internal const string ModulePrefix = "M3CoreCrm.Modules.";
    internal const string ContractsSuffix = ".Contracts";

    internal static Assembly BuildingBlocks { get; } = typeof(IModule).Assembly;

    internal static Assembly Api { get; } = typeof(Program).Assembly;

    /// <summary>Every M3CoreCrm.Modules.* assembly, implementations and contracts alike.</summary>
    internal static IReadOnlyList<Assembly> Modules { get; } = LoadModules();

    internal static IEnumerable<Assembly> ModuleImplementations => Modules.Where(a => !IsContracts(a.GetName()));

    internal static IEnumerable<Assembly> ModuleContracts => Modules.Where(a => IsContracts(a.GetName()));

    /// <summary>Where module DbContexts may live: the building blocks (shared context) and module implementations.</summary>
    internal static IEnumerable<Assembly> WithDbContexts => ModuleImplementations.Prepend(BuildingBlocks);

    internal static bool IsModule(AssemblyName name) =>
        name.Name?.StartsWith(ModulePrefix, StringComparison.Ordinal) == true;

    internal static bool IsContracts(AssemblyName name) =>
        IsModule(name) && name.Name!.EndsWith(ContractsSuffix, StringComparison.Ordinal);

    /// <summary>"M3CoreCrm.Modules.Leads.Contracts" and "M3CoreCrm.Modules.Leads" both belong to "Leads".</summary>
    internal static string ModuleOf(AssemblyName name) => name.Name![ModulePrefix.Length..].Split('.')[0];

    internal static string NameOf(Assembly assembly) => assembly.GetName().Name!;

    /// <summary>All types, internal ones included; a type that cannot load is a failure, not something to skip.</summary>
    internal static Type[] TypesOf(Assembly assembly) => assembly.GetTypes();

    private static List<Assembly> LoadModules() =>
        Directory.EnumerateFiles(AppContext.BaseDirectory, ModulePrefix + "*.dll")
            .Select(path => Assembly.Load(AssemblyName.GetAssemblyName(path)))
            .OrderBy(NameOf, StringComparer.Ordinal)
            .ToList();
}
