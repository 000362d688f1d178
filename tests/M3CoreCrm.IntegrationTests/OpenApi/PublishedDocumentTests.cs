using System.Diagnostics;
using System.Text.Json.Nodes;
using M3CoreCrm.IntegrationTests.Infrastructure;

namespace M3CoreCrm.IntegrationTests.OpenApi;

/// <summary>
/// docs/openapi/v1.json is the contract integrators read: it must be the document the API serves, and it changes in
/// a way that breaks a client only when docs/api-changelog.md records the break.
/// </summary>
[Collection("api")]
public sealed class PublishedDocumentTests(ApiFixture fixture)
{
    [Fact]
    public async Task The_published_document_is_the_one_the_API_serves()
    {
        var served = await ServedAsync();
        var published = JsonNode.Parse(await File.ReadAllTextAsync(RepositoryFiles.PublishedDocument));

        Assert.True(JsonNode.DeepEquals(published, served),
            "docs/openapi/v1.json differs from the document the API generates. If the change is meant, record any break it makes in "
            + $"docs/api-changelog.md and regenerate the file: {RepositoryFiles.RegenerateCommand}");
    }

    [Fact]
    public async Task The_served_document_breaks_nothing_that_the_changelog_does_not_record()
    {
        var published = JsonNode.Parse(await File.ReadAllTextAsync(RepositoryFiles.PublishedDocument))!;
        var breaks = OpenApiBreakingChanges.Find(published, await ServedAsync());

        var unrecorded = OpenApiBreakingChanges.Unrecorded(breaks, await File.ReadAllTextAsync(RepositoryFiles.Changelog));

        Assert.True(unrecorded.Count == 0, "Breaking changes to the API that docs/api-changelog.md does not record (quote each line there in backticks):\n"
            + string.Join('\n', unrecorded));
    }

    /// <summary>
    /// The last committed change of the published document against the version before it: once the file is
    /// regenerated, its break is still checked here until the next change of the document.
    /// </summary>
    [Fact]
    public async Task The_last_change_of_the_published_document_breaks_nothing_that_the_changelog_does_not_record()
    {
        var commits = Git("log", "-2", "--format=%H", "--", "docs/openapi/v1.json")?.Split('\n', StringSplitOptions.RemoveEmptyEntries) ?? [];
        var after = JsonNode.Parse(commits.Length > 0 ? Git("show", $"{commits[0]}:docs/openapi/v1.json")! : await File.ReadAllTextAsync(RepositoryFiles.PublishedDocument))!;
        // Without an earlier version (a first commit, a shallow clone, no git) the document is its own baseline.
        var before = commits.Length > 1 ? JsonNode.Parse(Git("show", $"{commits[1]}:docs/openapi/v1.json")!)! : after;
        Assert.NotNull(after["paths"]);

        var unrecorded = OpenApiBreakingChanges.Unrecorded(OpenApiBreakingChanges.Find(before, after), await File.ReadAllTextAsync(RepositoryFiles.Changelog));

        Assert.True(unrecorded.Count == 0, $"Commit {commits[0]} changed docs/openapi/v1.json with breaks that docs/api-changelog.md does not record:\n"
            + string.Join('\n', unrecorded));
    }

    private async Task<JsonNode> ServedAsync()
    {
        using var client = fixture.CreateClient();
        return JsonNode.Parse(await client.GetStringAsync(new Uri("/swagger/v1/swagger.json", UriKind.Relative)))!;
    }

    private static string? Git(params string[] arguments)
    {
        var start = new ProcessStartInfo("git") { WorkingDirectory = RepositoryFiles.Root, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        try
        {
            using var git = Process.Start(start)!;
            var output = git.StandardOutput.ReadToEnd();
            git.WaitForExit();
            return git.ExitCode == 0 ? output : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null; // no git on this machine
        }
    }
}
