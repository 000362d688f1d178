using System.Reflection;
using M3CoreCrm.ArchitectureTests.Support;
using NetArchTest.Rules;

namespace M3CoreCrm.ArchitectureTests.Modules;

/// <summary>Modules talk through contracts; the building blocks know no module.</summary>
public sealed class ModuleBoundaryTests
{
    private static IEnumerable<string> ModuleReferencesOf(Assembly assembly) =>
        assembly.GetReferencedAssemblies().Where(CrmAssemblies.IsModule).Select(r => r.Name!);

    [Fact]
    public void BuildingBlocks_references_no_module_assembly()
    {
        Violations.AssertNone(ModuleReferencesOf(CrmAssemblies.BuildingBlocks), "Module assemblies referenced by BuildingBlocks");
    }

    [Fact]
    public void No_BuildingBlocks_type_depends_on_a_module_or_host_namespace()
    {
        var result = Types.InAssembly(CrmAssemblies.BuildingBlocks)
            .ShouldNot().HaveDependencyOnAny("M3CoreCrm.Modules", "M3CoreCrm.Api")
            .GetResult();

        Violations.AssertNone(result.FailingTypeNames ?? [], "BuildingBlocks types depending on modules or the host");
    }

    [Fact]
    public void The_dependency_scanner_sees_real_dependencies()
    {
        // Guards the rule above against passing because the scanner sees nothing.
        var hostTypesUsingBuildingBlocks = Types.InAssembly(CrmAssemblies.Api)
            .That().HaveDependencyOn("M3CoreCrm.BuildingBlocks")
            .GetTypes();

        Assert.NotEmpty(hostTypesUsingBuildingBlocks);
    }

    [Fact]
    public void A_module_references_other_modules_only_through_their_contracts()
    {
        var violations =
            from module in CrmAssemblies.ModuleImplementations
            let self = module.GetName()
            from reference in module.GetReferencedAssemblies()
            where CrmAssemblies.IsModule(reference) && !CrmAssemblies.IsContracts(reference)
                && CrmAssemblies.ModuleOf(reference) != CrmAssemblies.ModuleOf(self)
            select $"{self.Name} -> {reference.Name}";

        Violations.AssertNone(violations, "Module implementations referencing another module's implementation");
    }

    [Fact]
    public void Contracts_reference_no_module_implementation()
    {
        var violations =
            from contracts in CrmAssemblies.ModuleContracts
            from reference in ModuleReferencesOf(contracts)
            where !reference.EndsWith(CrmAssemblies.ContractsSuffix, StringComparison.Ordinal)
            select $"{CrmAssemblies.NameOf(contracts)} -> {reference}";

        Violations.AssertNone(violations, "Contracts referencing a module implementation");
    }

    [Fact]
    public void Neither_building_blocks_nor_modules_reference_the_host()
    {
        var violations = CrmAssemblies.ModuleContracts
            .Prepend(CrmAssemblies.BuildingBlocks)
            .Concat(CrmAssemblies.ModuleImplementations)
            .Where(a => a.GetReferencedAssemblies().Any(r => r.Name == CrmAssemblies.NameOf(CrmAssemblies.Api)))
            .Select(CrmAssemblies.NameOf);

        Violations.AssertNone(violations, "Assemblies referencing the host (it composes them, never the reverse)");
    }
}
