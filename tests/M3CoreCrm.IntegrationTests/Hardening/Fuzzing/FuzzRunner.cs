using System.Collections.Concurrent;
using System.Text;

namespace M3CoreCrm.IntegrationTests.Hardening.Fuzzing;

/// <summary>A case and what was wrong with its answer.</summary>
internal sealed record FuzzFailure(FuzzCase Case, string Reason, int Status, string Body);

/// <summary>Sends cases through the in-memory server, several at once, and judges every answer.</summary>
internal sealed class FuzzRunner(HttpClient client, FuzzWorld world, ApiDocument document)
{
    private const int Parallelism = 8;
    private readonly ConcurrentDictionary<int, int> _statuses = new();
    private readonly ConcurrentDictionary<string, int> _successes = new(StringComparer.Ordinal);
    private int _sent;

    internal ConcurrentQueue<FuzzFailure> Failures { get; } = new();

    internal int Sent => _sent;

    /// <summary>Operations (ids containing this text) whose refused answers are printed: to see why cases fail.</summary>
    internal string? Trace { get; init; }

    /// <summary>How many answers had each status code.</summary>
    internal IReadOnlyDictionary<int, int> Statuses => _statuses;

    /// <summary>Operations that answered 2xx at least once: how deep the fuzzing got.</summary>
    internal IReadOnlyDictionary<string, int> Successes => _successes;

    internal Task RunAsync(IEnumerable<FuzzCase> cases) =>
        Parallel.ForEachAsync(cases, new ParallelOptions { MaxDegreeOfParallelism = Parallelism }, async (fuzzCase, _) => await SendAsync(fuzzCase));

    private async Task SendAsync(FuzzCase fuzzCase)
    {
        var url = world.Resolve(fuzzCase.Url);
        var body = fuzzCase.Body is null ? null : world.Resolve(fuzzCase.Body);
        using var request = new HttpRequestMessage(new HttpMethod(fuzzCase.Method), new Uri(url, UriKind.Relative));
        var sent = new StringBuilder(url).Append('\n').Append(body);
        if (fuzzCase.Caller is Caller.Owner or Caller.Agent && !fuzzCase.Headers.ContainsKey("Authorization"))
        {
            request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + world.TokenOf(fuzzCase.Caller));
        }

        if (body is not null)
        {
            request.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
            if (fuzzCase.ContentType is not null)
            {
                request.Content.Headers.TryAddWithoutValidation("Content-Type", fuzzCase.ContentType);
            }
        }

        foreach (var (name, value) in fuzzCase.Headers)
        {
            var resolved = world.Resolve(value);
            sent.Append('\n').Append(resolved);
            if (!request.Headers.TryAddWithoutValidation(name, resolved))
            {
                request.Content?.Headers.TryAddWithoutValidation(name, resolved);
            }
        }

        Interlocked.Increment(ref _sent);
        try
        {
            using var response = await client.SendAsync(request);
            var text = await response.Content.ReadAsStringAsync();
            var status = (int)response.StatusCode;
            _statuses.AddOrUpdate(status, 1, (_, n) => n + 1);
            if (status is >= 200 and < 300)
            {
                _successes.AddOrUpdate(fuzzCase.Operation, 1, (_, n) => n + 1);
            }
            else if (Trace is { Length: > 0 } trace && fuzzCase.Operation.Contains(trace, StringComparison.OrdinalIgnoreCase))
            {
                Console.WriteLine($"TRACE {status} {FuzzCase.Clip(text)}\n  for {fuzzCase}");
            }

            var verdict = ResponseVerdict.Judge(fuzzCase, sent.ToString(), status, response.Content.Headers.ContentType, text, world);
            if (verdict is null && status is >= 200 and < 300 && response.Content.Headers.ContentType?.MediaType == "application/json"
                && document.MissingRequired(fuzzCase.Operation, status, text) is { } missing)
            {
                verdict = $"the success body lacks {missing}, which the document says is always there";
            }

            if (verdict is { } reason)
            {
                Failures.Enqueue(new FuzzFailure(fuzzCase, reason, status, FuzzCase.Clip(text)));
            }
        }
        catch (Exception e) when (e is HttpRequestException or InvalidOperationException or TaskCanceledException or IOException)
        {
            // The in-memory server surfaces an exception that escaped the pipeline (or a hang) here.
            Failures.Enqueue(new FuzzFailure(fuzzCase, $"no answer: {e.GetType().Name}: {e.Message}", 0, string.Empty));
        }
    }
}
