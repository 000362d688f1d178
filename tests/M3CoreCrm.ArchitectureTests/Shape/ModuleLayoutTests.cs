using System.Text.RegularExpressions;
using M3CoreCrm.ArchitectureTests.Support;

namespace M3CoreCrm.ArchitectureTests.Shape;

/// <summary>
/// The folders and file names of docs/modules.md: every module implementation has the same top-level folders, the
/// same front files and the same words, so a reader who knows one module knows all of them.
/// </summary>
public sealed partial class ModuleLayoutTests
{
    /// <summary>The only folders a module implementation may have at its top (docs/modules.md).</summary>
    internal static readonly IReadOnlySet<string> AllowedFolders = new HashSet<string>(StringComparer.Ordinal)
    {
        "Domain", "Data", "Features", "Integration", "Infrastructure", "Jobs", "Commands", "Demo",
    };

    /// <summary>
    /// Files longer than the limit that stay whole, each with its reason. Migrations are generated and never counted.
    /// Empty: every class so far splits by responsibility.
    /// </summary>
    internal static readonly IReadOnlyDictionary<string, string> LongFileExceptions = new Dictionary<string, string>(StringComparer.Ordinal);

    internal const int MaxLines = 300;

    [Fact]
    public void The_module_projects_are_found()
    {
        // Guards every rule of this class against passing because the tree walk found nothing.
        Assert.True(SourceTree.ModuleImplementations.Count >= 7, $"Module implementations found under {SourceTree.Src}: {SourceTree.ModuleImplementations.Count}");
        Assert.Equal(
            SourceTree.ModuleImplementations.Select(p => p.Module),
            SourceTree.ModuleContracts.Select(p => p.Module));
        Assert.All(SourceTree.ModuleImplementations, p => Assert.NotEmpty(p.Files));
    }

    [Fact]
    public void A_module_has_only_the_allowed_top_level_folders()
    {
        var violations =
            from project in SourceTree.ModuleImplementations
            from folder in project.TopLevelFolders
            where !AllowedFolders.Contains(folder)
            select $"{project.RepositoryPath}/{folder}/ (allowed: {string.Join(", ", AllowedFolders)})";

        Violations.AssertNone(violations, "Top-level folders that docs/modules.md does not allow");
    }

    [Fact]
    public void Beside_the_folders_sit_only_the_module_class_the_permissions_and_the_project_file()
    {
        var violations =
            from project in SourceTree.ModuleImplementations
            let allowed = new[] { $"{project.Module}Module.cs", $"{project.Module}Permissions.cs", $"{project.Name}.csproj" }
            from file in project.RootFiles
            where !allowed.Contains(file, StringComparer.Ordinal)
            select $"{project.RepositoryPath}/{file} (allowed at the top: {string.Join(", ", allowed)})";

        Violations.AssertNone(violations, "Files at the top of a module beside <M>Module.cs and <M>Permissions.cs");
    }

    [Fact]
    public void Features_holds_one_folder_per_resource_and_no_loose_files()
    {
        var violations =
            from project in SourceTree.ModuleImplementations
            from file in project.Files
            where file.Folders is ["Features"]
            select $"{file.RepositoryPath} (move it into Features/<Resource>/, or Features/Shared/ when resources share it)";

        Violations.AssertNone(ShapeDebt.Unlisted(violations, ShapeDebt.LooseFeatureFiles), "Files directly in Features/");
    }

    [Fact]
    public void Features_Shared_holds_no_endpoints_or_services()
    {
        var violations =
            from project in SourceTree.ModuleImplementations
            from file in project.Files
            where file.Folders is ["Features", "Shared", ..]
                && (file.FileName.EndsWith("Endpoints.cs", StringComparison.Ordinal) || file.FileName.EndsWith("Service.cs", StringComparison.Ordinal))
            select $"{file.RepositoryPath} (Features/Shared/ holds what resources share; endpoints and services belong to a resource)";

        Violations.AssertNone(violations, "Endpoints or services in Features/Shared/");
    }

    [Fact]
    public void Namespaces_equal_folders()
    {
        var violations =
            from project in SourceTree.ModuleImplementations.Concat(SourceTree.ModuleContracts)
            from file in project.Files
            let expected = string.Join('.', file.Folders.Prepend(project.Name))
            let declared = DeclaredNamespace(file)
            where declared != expected
            select $"{file.RepositoryPath}: namespace {declared ?? "(none)"}, expected {expected}";

        Violations.AssertNone(violations, "Namespaces that differ from their folders");
    }

    [Fact]
    public void No_Contracts_or_Models_files_inside_an_implementation()
    {
        var violations =
            from project in SourceTree.ModuleImplementations
            from file in project.Files
            where file.FileName.EndsWith("Contracts.cs", StringComparison.Ordinal)
                || file.FileName.EndsWith("Models.cs", StringComparison.Ordinal)
            select $"{file.RepositoryPath} (request and response records go in <Resource>Dtos.cs; Contracts are the projects)";

        Violations.AssertNone(violations, "*Contracts.cs or *Models.cs files in module implementations");
    }

    [Fact]
    public void Request_and_response_records_live_in_Dtos_files()
    {
        var misnamedFiles =
            from project in SourceTree.ModuleImplementations
            from file in project.Files
            where !file.IsMigration && DtoFileName().IsMatch(file.FileName)
            select $"{file.RepositoryPath} (name it <Resource>Dtos.cs)";

        var strayDeclarations =
            from project in SourceTree.ModuleImplementations
            from file in project.Files
            where !file.IsMigration && !file.FileName.EndsWith("Dtos.cs", StringComparison.Ordinal)
            from line in file.CodeLines
            let match = DtoDeclaration().Match(line.Text)
            where match.Success
            select $"{file.RepositoryPath}:{line.Number}: {match.Groups["name"].Value} (move it to the feature's <Resource>Dtos.cs)";

        Violations.AssertNone(
            misnamedFiles.Concat(ShapeDebt.Unlisted(strayDeclarations, ShapeDebt.RecordsOutsideDtos)),
            "Request/response records outside <Resource>Dtos.cs files");
    }

    [Fact]
    public void Endpoint_files_are_named_Resource_Endpoints()
    {
        var violations =
            from project in SourceTree.ModuleImplementations
            from file in project.Files
            where file.FileName.EndsWith("Endpoint.cs", StringComparison.Ordinal)
            select $"{file.RepositoryPath} (one <Resource>Endpoints.cs per feature folder)";

        Violations.AssertNone(violations, "Endpoint files not named <Resource>Endpoints.cs");
    }

    [Fact]
    public void No_source_file_is_longer_than_the_limit()
    {
        var violations =
            from file in SourceTree.CSharpFilesUnder(SourceTree.Src)
            where !file.IsMigration && !LongFileExceptions.ContainsKey(file.RepositoryPath)
            let lines = file.Lines.Length
            where lines > MaxLines
            orderby lines descending
            select $"{file.RepositoryPath}: {lines} lines";

        Violations.AssertNone(violations, $"Files over {MaxLines} lines (split by responsibility: queries apart from writes first)");
    }

    [Fact]
    public void Every_long_file_exception_exists_and_says_why()
    {
        var violations =
            from exception in LongFileExceptions
            where !File.Exists(Path.Combine(SourceTree.Root, exception.Key)) || string.IsNullOrWhiteSpace(exception.Value)
            select exception.Key;

        Violations.AssertNone(violations, "Long-file exceptions that no longer exist or give no reason (remove them)");
    }

    [Fact]
    public void The_namespace_reader_reads_file_scoped_and_block_namespaces()
    {
        Assert.Equal("A.B", NamespaceOf(["using X;", "", "namespace A.B;"]));
        Assert.Equal("A.B", NamespaceOf(["namespace A.B", "{"]));
        Assert.Null(NamespaceOf(["internal sealed class C;"]));
        Assert.Matches(DtoDeclaration(), "internal sealed record CreateLeadRequest(");
        Assert.Matches(DtoDeclaration(), "public sealed record LeadResponse");
        Assert.DoesNotMatch(DtoDeclaration(), "var response = new LeadResponse(");
    }

    private static string? DeclaredNamespace(SourceFile file) => NamespaceOf(file.Lines);

    private static string? NamespaceOf(IEnumerable<string> lines) =>
        lines.Select(line => NamespaceDeclaration().Match(line)).FirstOrDefault(m => m.Success)?.Groups["name"].Value;

    [GeneratedRegex(@"^\s*namespace\s+(?<name>[\w.]+)\s*(;|\{|$)")]
    private static partial Regex NamespaceDeclaration();

    [GeneratedRegex(@"(Dto|Request|Response|Requests|Responses)\.cs$")]
    private static partial Regex DtoFileName();

    [GeneratedRegex(@"\b(record|class)\s+(?<name>\w+(Request|Response))\b")]
    private static partial Regex DtoDeclaration();
}
