namespace M3CoreCrm.ArchitectureTests.Support;

/// <summary>
/// The source files of the repository, for the rules that are about files and folders rather than types (the module
/// shape of docs/modules.md). The repository root is the first folder above the test assembly that holds the
/// solution file; build output (bin, obj) is never part of the tree.
/// </summary>
internal static class SourceTree
{
    private const string SolutionFile = "M3CoreCrm.sln";

    internal static string Root { get; } = FindRoot();

    internal static string Src => Path.Combine(Root, "src");

    /// <summary>Every <c>src/Modules/*/M3CoreCrm.Modules.*</c> project folder that is not a Contracts project.</summary>
    internal static IReadOnlyList<SourceProject> ModuleImplementations { get; } = ModuleProjects(contracts: false);

    /// <summary>Every <c>src/Modules/*/M3CoreCrm.Modules.*.Contracts</c> project folder.</summary>
    internal static IReadOnlyList<SourceProject> ModuleContracts { get; } = ModuleProjects(contracts: true);

    /// <summary>
    /// The C# files of <paramref name="directory"/> and below, paths relative to it. Build output, package folders
    /// (a web app's node_modules) and hidden folders are not walked at all.
    /// </summary>
    internal static IEnumerable<SourceFile> CSharpFilesUnder(string directory) =>
        FilesUnder(directory, "*.cs")
            .Select(path => new SourceFile(path, Relative(directory, path)))
            .OrderBy(file => file.RepositoryPath, StringComparer.Ordinal);

    internal static bool IsSkipped(string folderName) =>
        folderName is "bin" or "obj" or "node_modules" || folderName.StartsWith('.');

    private static IEnumerable<string> FilesUnder(string directory, string pattern) =>
        Directory.EnumerateFiles(directory, pattern).Concat(
            Directory.EnumerateDirectories(directory)
                .Where(sub => !IsSkipped(Path.GetFileName(sub)))
                .SelectMany(sub => FilesUnder(sub, pattern)));

    /// <summary>A path relative to the repository root, with forward slashes (what a failure message shows).</summary>
    internal static string RepositoryPath(string path) => Relative(Root, path);

    private static string Relative(string from, string path) => Path.GetRelativePath(from, path).Replace('\\', '/');

    private static List<SourceProject> ModuleProjects(bool contracts) =>
        Directory.EnumerateDirectories(Path.Combine(Src, "Modules"))
            .SelectMany(Directory.EnumerateDirectories)
            .Select(path => new SourceProject(Path.GetFileName(path), path))
            .Where(p => p.Name.StartsWith(CrmAssemblies.ModulePrefix, StringComparison.Ordinal)
                && p.Name.EndsWith(CrmAssemblies.ContractsSuffix, StringComparison.Ordinal) == contracts)
            .OrderBy(p => p.Name, StringComparer.Ordinal)
            .ToList();

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, SolutionFile)))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No folder above {AppContext.BaseDirectory} holds {SolutionFile}.");
    }
}

/// <summary>A project folder, e.g. <c>M3CoreCrm.Modules.Leads</c> in <c>src/Modules/Leads</c>.</summary>
internal sealed record SourceProject(string Name, string Directory)
{
    /// <summary>"M3CoreCrm.Modules.Leads" and "M3CoreCrm.Modules.Leads.Contracts" both belong to "Leads".</summary>
    internal string Module => Name[CrmAssemblies.ModulePrefix.Length..].Split('.')[0];

    internal IEnumerable<SourceFile> Files => SourceTree.CSharpFilesUnder(Directory);

    /// <summary>Top-level folders, without build output.</summary>
    internal IEnumerable<string> TopLevelFolders =>
        System.IO.Directory.EnumerateDirectories(Directory).Select(Path.GetFileName).OfType<string>()
            .Where(name => !SourceTree.IsSkipped(name))
            .Order(StringComparer.Ordinal);

    internal IEnumerable<string> RootFiles =>
        System.IO.Directory.EnumerateFiles(Directory).Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal);

    internal string RepositoryPath => SourceTree.RepositoryPath(Directory);
}

/// <summary>One C# file: its path within its project (forward slashes) and its text.</summary>
internal sealed record SourceFile(string FullPath, string ProjectPath)
{
    internal string[] Segments => ProjectPath.Split('/');

    internal string FileName => Segments[^1];

    /// <summary>The folders between the project and the file.</summary>
    internal IReadOnlyList<string> Folders => Segments[..^1];

    internal bool IsUnder(string folder) => Folders.Contains(folder, StringComparer.Ordinal);

    internal bool IsMigration => IsUnder("Migrations");

    internal string RepositoryPath => SourceTree.RepositoryPath(FullPath);

    internal string[] Lines => File.ReadAllLines(FullPath);

    /// <summary>The lines that are code: whole-line comments (<c>//</c>, <c>///</c>, <c>*</c> of a block) left out.</summary>
    internal IEnumerable<(int Number, string Text)> CodeLines =>
        Lines.Select((text, index) => (Number: index + 1, Text: text))
            .Where(line => line.Text.TrimStart() is var trimmed
                && !trimmed.StartsWith("//", StringComparison.Ordinal)
                && !trimmed.StartsWith("/*", StringComparison.Ordinal)
                && !trimmed.StartsWith('*'));
}
