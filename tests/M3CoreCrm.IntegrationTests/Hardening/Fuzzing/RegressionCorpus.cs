using System.Runtime.CompilerServices;
using System.Text.Json;

namespace M3CoreCrm.IntegrationTests.Hardening.Fuzzing;

/// <summary>A case that once failed, and how.</summary>
internal sealed record CorpusEntry(string Found, FuzzCase Case);

/// <summary>
/// corpus.json next to this file: every input that once failed, replayed before the generated cases on every run.
/// A run that finds new failures adds them (the file is in the source tree, so they can be committed).
/// </summary>
internal static class RegressionCorpus
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    internal static IReadOnlyList<CorpusEntry> Load()
    {
        var path = FilePath();
        return File.Exists(path) ? JsonSerializer.Deserialize<List<CorpusEntry>>(File.ReadAllText(path), Options) ?? [] : [];
    }

    /// <summary>Adds the failures not in the corpus yet; returns how many were new.</summary>
    internal static int Add(IEnumerable<FuzzFailure> failures)
    {
        var path = FilePath();
        if (!Directory.Exists(Path.GetDirectoryName(path)))
        {
            return 0; // not run from a source tree
        }

        var entries = Load().ToList();
        var known = entries.Select(e => Key(e.Case)).ToHashSet(StringComparer.Ordinal);
        var added = 0;
        foreach (var failure in failures)
        {
            if (known.Add(Key(failure.Case)))
            {
                entries.Add(new CorpusEntry(failure.Reason, failure.Case));
                added++;
            }
        }

        if (added > 0)
        {
            File.WriteAllText(path, JsonSerializer.Serialize(entries, Options) + "\n");
        }

        return added;
    }

    private static string Key(FuzzCase fuzzCase) => JsonSerializer.Serialize(fuzzCase with { Defect = string.Empty }, Options);

    private static string FilePath([CallerFilePath] string source = "") => Path.Combine(Path.GetDirectoryName(source)!, "corpus.json");
}
