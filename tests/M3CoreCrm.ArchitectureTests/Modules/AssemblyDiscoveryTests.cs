using M3CoreCrm.ArchitectureTests.Support;

namespace M3CoreCrm.ArchitectureTests.Modules;

/// <summary>The rules below are only as good as the set of assemblies they look at.</summary>
public sealed class AssemblyDiscoveryTests
{
    [Fact]
    public void The_scanned_folder_is_the_one_holding_the_host_and_the_building_blocks()
    {
        Assert.Equal(AppContext.BaseDirectory, Path.GetDirectoryName(CrmAssemblies.Api.Location) + Path.DirectorySeparatorChar);
        Assert.Equal(AppContext.BaseDirectory, Path.GetDirectoryName(CrmAssemblies.BuildingBlocks.Location) + Path.DirectorySeparatorChar);
    }

    [Fact]
    public void Every_module_the_host_references_is_discovered()
    {
        var discovered = CrmAssemblies.Modules.Select(CrmAssemblies.NameOf).ToHashSet();

        var missing = CrmAssemblies.Api.GetReferencedAssemblies()
            .Where(CrmAssemblies.IsModule)
            .Select(r => r.Name!)
            .Where(name => !discovered.Contains(name));

        Violations.AssertNone(missing, "Modules referenced by the host but not found next to the tests");
    }

    [Fact]
    public void Every_module_implementation_has_its_contracts_assembly()
    {
        // Two projects per module: without .Contracts, other modules would have nothing legal to reference.
        var contracts = CrmAssemblies.ModuleContracts.Select(CrmAssemblies.NameOf).ToHashSet();

        var missing = CrmAssemblies.ModuleImplementations
            .Select(CrmAssemblies.NameOf)
            .Where(name => !contracts.Contains(name + CrmAssemblies.ContractsSuffix));

        Violations.AssertNone(missing, "Module implementations without a .Contracts assembly");
    }
}
