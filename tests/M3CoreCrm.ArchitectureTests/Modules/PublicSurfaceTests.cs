using System.Reflection;
using M3CoreCrm.ArchitectureTests.Support;
using M3CoreCrm.BuildingBlocks.Modules;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace M3CoreCrm.ArchitectureTests.Modules;

/// <summary>
/// A module's only front door is its IModule class; everything else is internal, so other modules cannot reach
/// in even with a reference. EF tooling types may stay public as dotnet-ef generates them.
/// </summary>
public sealed class PublicSurfaceTests
{
    private static bool IsModuleClass(Type type) => typeof(IModule).IsAssignableFrom(type);

    private static bool MayBePublic(Type type) =>
        IsModuleClass(type)
        || typeof(Migration).IsAssignableFrom(type)
        || typeof(ModelSnapshot).IsAssignableFrom(type)
        || type.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IDesignTimeDbContextFactory<>));

    private static IEnumerable<string> PublicTypesBeyondTheFrontDoor(Assembly assembly) =>
        assembly.GetExportedTypes().Where(t => !MayBePublic(t)).Select(t => $"{CrmAssemblies.NameOf(assembly)}: {t.FullName}");

    [Fact]
    public void Module_implementations_expose_only_their_module_class()
    {
        Violations.AssertNone(
            CrmAssemblies.ModuleImplementations.SelectMany(PublicTypesBeyondTheFrontDoor),
            "Public types in module implementations (make them internal)");
    }

    [Fact]
    public void Every_module_implementation_has_exactly_one_public_module_class()
    {
        var violations =
            from module in CrmAssemblies.ModuleImplementations
            let count = module.GetExportedTypes().Count(t => IsModuleClass(t) && t is { IsClass: true, IsAbstract: false })
            where count != 1
            select $"{CrmAssemblies.NameOf(module)} has {count}";

        Violations.AssertNone(violations, "Module implementations without exactly one public IModule class");
    }

    [Fact]
    public void The_host_exposes_only_Program()
    {
        // Program stays public for WebApplicationFactory; the composition itself is internal like a module's.
        Assert.Equal([typeof(Program)], CrmAssemblies.Api.GetExportedTypes());
    }

    [Fact]
    public void The_rule_catches_a_public_type_that_is_no_front_door()
    {
        // Checks the rule on the building blocks, which are public by design, so it cannot pass vacuously.
        Assert.Contains(PublicTypesBeyondTheFrontDoor(CrmAssemblies.BuildingBlocks), v => v.EndsWith(".Paging.Keyset", StringComparison.Ordinal));
        Assert.DoesNotContain(PublicTypesBeyondTheFrontDoor(CrmAssemblies.BuildingBlocks), v => v.Contains(".Migrations.", StringComparison.Ordinal));
    }
}
