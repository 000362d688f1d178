using System.Text.RegularExpressions;
using M3CoreCrm.ArchitectureTests.Support;

namespace M3CoreCrm.ArchitectureTests.Shape;

/// <summary>
/// How module code reaches what it needs (docs/modules.md): through constructors, never a service locator; other
/// modules through I*Directory interfaces of their Contracts; the database through services, never from an
/// endpoint file.
/// </summary>
public sealed partial class ModuleDependencyRulesTests
{
    /// <summary>
    /// The roles a Contracts port may have besides a directory (docs/modules.md): a policy another module applies, a
    /// command another module runs in its own transaction, a history another module shows.
    /// </summary>
    internal static readonly IReadOnlyList<string> PortRoles = ["Policy", "Provisioning", "History"];

    [Fact]
    public void Module_code_resolves_no_service_by_hand()
    {
        // Allowed: Commands/ (a host command receives the provider by contract and runs outside a request), Jobs/
        // (a background job opens one scope per tenant, as a request would) and <M>Module.cs, where the module
        // composes itself (a registration may forward to another).
        var violations =
            from project in SourceTree.ModuleImplementations
            from file in project.Files
            where !file.IsMigration && !file.IsUnder("Commands") && !file.IsUnder("Jobs")
                && file.ProjectPath != $"{project.Module}Module.cs"
            from line in file.CodeLines
            where ServiceLocator().IsMatch(line.Text)
            select $"{file.RepositoryPath}:{line.Number}: {line.Text.Trim()}";

        Violations.AssertNone(violations, "Service location in module code (take the dependency in a constructor)");
    }

    [Fact]
    public void The_service_locator_scan_sees_real_calls()
    {
        // Guards the rule above: the host commands resolve services by design, so the scan must find them there.
        var hits =
            from project in SourceTree.ModuleImplementations
            from file in project.Files
            where file.IsUnder("Commands")
            from line in file.CodeLines
            where ServiceLocator().IsMatch(line.Text)
            select file.RepositoryPath;

        Assert.NotEmpty(hits);
    }

    [Fact]
    public void Endpoint_files_do_not_touch_a_DbContext()
    {
        var violations =
            from project in SourceTree.ModuleImplementations
            from file in project.Files
            where file.FileName.EndsWith("Endpoints.cs", StringComparison.Ordinal)
                || file.FileName.EndsWith("Endpoint.cs", StringComparison.Ordinal)
            from line in file.CodeLines
            where DbContextReference().IsMatch(line.Text)
            select $"{file.RepositoryPath}:{line.Number}: {line.Text.Trim()}";

        Violations.AssertNone(
            ShapeDebt.Unlisted(violations, ShapeDebt.EndpointsWithDbContext),
            "Endpoint files using a DbContext (handlers bind, call a service, map the result)");
    }

    [Fact]
    public void Contracts_interfaces_are_directories()
    {
        var violations =
            from contracts in CrmAssemblies.ModuleContracts
            from type in contracts.GetExportedTypes()
            where type.IsInterface && !BaseName(type).EndsWith("Directory", StringComparison.Ordinal)
                && !PortRoles.Any(role => BaseName(type).EndsWith(role, StringComparison.Ordinal))
            select $"{type.FullName} (in {CrmAssemblies.NameOf(contracts)}; name it I<Entity>Directory, or a port I<Thing>{string.Join("|", PortRoles)})";

        Violations.AssertNone(ShapeDebt.Unlisted(violations, ShapeDebt.ContractPorts), "Contracts interfaces not named I<Entity>Directory");
    }

    [Fact]
    public void No_type_is_a_Registry()
    {
        var violations =
            from assembly in CrmAssemblies.Modules
            from type in CrmAssemblies.TypesOf(assembly)
            where BaseName(type).EndsWith("Registry", StringComparison.Ordinal)
            select $"{CrmAssemblies.NameOf(assembly)}: {type.FullName} (the word is Directory)";

        Violations.AssertNone(violations, "Types named *Registry in modules");
    }

    [Fact]
    public void Contracts_exist_to_be_checked()
    {
        Assert.Contains(CrmAssemblies.ModuleContracts, a => a.GetExportedTypes().Any(t => t.IsInterface));
        Assert.Matches(ServiceLocator(), "var x = services.GetRequiredService<IFoo>();");
        Assert.Matches(ServiceLocator(), "internal sealed class C(IServiceProvider services)");
        Assert.Matches(ServiceLocator(), "http.RequestServices.GetService<IDealDirectory>()");
        Assert.DoesNotMatch(ServiceLocator(), "services.AddScoped<LeadService>();");
        Assert.Matches(DbContextReference(), "LeadsDbContext db,");
        Assert.DoesNotMatch(DbContextReference(), "LeadService leads,");
    }

    /// <summary>The name without generic arity (`IFoo`1` is IFoo) or the compiler's nesting marks.</summary>
    private static string BaseName(Type type) => type.Name.Split('`')[0];

    [GeneratedRegex(@"\bGet(Required)?(Keyed)?Services?\b|\bIServiceProvider\b|\bRequestServices\b")]
    private static partial Regex ServiceLocator();

    [GeneratedRegex(@"\b\w*DbContext\b")]
    private static partial Regex DbContextReference();
}
