using System.Diagnostics;
using System.Globalization;
using CsCheck;
using M3CoreCrm.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Xunit.Abstractions;

namespace M3CoreCrm.IntegrationTests.Hardening.Fuzzing;

/// <summary>
/// Fuzzing from the app's own OpenAPI document: every operation gets generated invalid and boundary requests
/// (fixed seed; M3CORE_FUZZ_SEED and M3CORE_FUZZ_SCALE change it) as a tenant owner, an agent, nobody and a forger.
/// Pass: no 5xx, every error a problem details body, every success body with the properties its schema requires,
/// nothing of the other tenant in any answer, and the database
/// unchanged by the phase whose writes all carry a defect. The regression corpus replays first.
/// </summary>
[Collection("api")]
public sealed class OpenApiFuzzTests(ApiFixture fixture, ITestOutputHelper output)
{
    private const ulong DefaultSeed = 20_261_128;
    private const int ReadCases = 45;
    private const int WriteCases = 65;
    private const int BoundaryCases = 30;

    /// <summary>Operations the boundary phase leaves out: they could lock the fuzzing callers out (logout, passwords,
    /// roles, users, keys) or need the platform key. The first phase fuzzes them with defects.</summary>
    private static readonly string[] KeptFromBoundaryPhase =
        ["/api/v1/auth", "/api/v1/me", "/api/v1/users", "/api/v1/roles", "/api/v1/groups", "/api/v1/api-keys", "/api/v1/platform"];

    /// <summary>Tables that refused requests legitimately write: the stored answers of requests with an
    /// Idempotency-Key (by design, a retry gets the same 4xx) and the failed-login throttle.</summary>
    private static readonly HashSet<string> WrittenByRefusals = new(StringComparer.Ordinal) { "shared.idempotency_records", "identity.login_throttles" };

    [Fact]
    public async Task Every_operation_survives_invalid_and_boundary_input()
    {
        var seed = ulong.TryParse(Environment.GetEnvironmentVariable("M3CORE_FUZZ_SEED"), CultureInfo.InvariantCulture, out var s) ? s : DefaultSeed;
        var scale = double.TryParse(Environment.GetEnvironmentVariable("M3CORE_FUZZ_SCALE"), CultureInfo.InvariantCulture, out var x) ? x : 1.0;
        var factory = fixture.CreateFactory(
            ("RateLimiting:Tenant:RequestsPerMinute", "1000000"),
            ("RateLimiting:User:RequestsPerMinute", "1000000"),
            ("RateLimiting:ApiKey:RequestsPerMinute", "1000000"),
            ("Serilog:MinimumLevel:Default", "Error"),
            ("Serilog:MinimumLevel:Override:Microsoft.AspNetCore", "Error"),
            ("Serilog:MinimumLevel:Override:Microsoft.EntityFrameworkCore", "Fatal"));
        using var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        client.Timeout = TimeSpan.FromSeconds(60);
        var document = await ApiDocument.LoadAsync(client);
        var world = await FuzzWorld.CreateAsync(fixture, factory);
        var generator = new CaseGenerator(new JsonBodies(document));
        var runner = new FuzzRunner(client, world, document) { Trace = Environment.GetEnvironmentVariable("M3CORE_FUZZ_TRACE") };
        var clock = Stopwatch.StartNew();

        var corpus = RegressionCorpus.Load();
        await runner.RunAsync(corpus.Select(e => e.Case));

        var rejected = Generate(document.Operations, seed, 0, op => op.IsRead ? Scaled(ReadCases, scale) : Scaled(WriteCases, scale), generator.Rejected);
        var before = await DatabaseFingerprint.TakeAsync(fixture, world.A.Id, world.B.Id);
        await runner.RunAsync(rejected);
        var changed = DatabaseFingerprint.Differences(before, await DatabaseFingerprint.TakeAsync(fixture, world.A.Id, world.B.Id), WrittenByRefusals);

        var boundaryOperations = document.Operations.Where(op => !KeptFromBoundaryPhase.Any(p => op.Path.StartsWith(p, StringComparison.Ordinal))).ToList();
        var boundary = Generate(boundaryOperations, seed, 1_000, _ => Scaled(BoundaryCases, scale), generator.Boundary);
        var neighbourBefore = await DatabaseFingerprint.TakeAsync(fixture, world.B.Id);
        await runner.RunAsync(boundary);
        var neighbourChanged = DatabaseFingerprint.Differences(neighbourBefore, await DatabaseFingerprint.TakeAsync(fixture, world.B.Id), WrittenByRefusals);
        clock.Stop();

        Report(seed, document, runner, corpus.Count, rejected.Count, boundary.Count, clock.Elapsed);
        var failures = runner.Failures.ToList();
        var added = RegressionCorpus.Add(failures);
        foreach (var failure in failures.Take(40))
        {
            output.WriteLine($"FAIL {failure.Reason} ({failure.Status}): {failure.Case}\n  answer: {failure.Body}");
        }

        Assert.True(failures.Count == 0, $"{failures.Count} fuzzed requests failed ({added} new in the corpus); first: {failures.FirstOrDefault()?.Reason} for {failures.FirstOrDefault()?.Case}");
        Assert.True(changed.Count == 0, "Refused requests changed the database: " + string.Join("; ", changed));
        Assert.True(neighbourChanged.Count == 0, "Requests of tenant A changed tenant B's data: " + string.Join("; ", neighbourChanged));
    }

    /// <summary>Cases per operation from one PCG stream per operation (stream = offset + index in the document).</summary>
    private static List<FuzzCase> Generate(IReadOnlyList<ApiOperation> operations, ulong seed, uint offset, Func<ApiOperation, int> count, Func<Draw, ApiOperation, FuzzCase> make)
    {
        var cases = new List<FuzzCase>();
        for (var i = 0; i < operations.Count; i++)
        {
            var draw = new Draw(new PCG(offset + (uint)i, seed));
            for (var n = count(operations[i]); n > 0; n--)
            {
                cases.Add(make(draw, operations[i]));
            }
        }

        return cases;
    }

    private static int Scaled(int cases, double scale) => Math.Max(1, (int)Math.Round(cases * scale));

    private void Report(ulong seed, ApiDocument document, FuzzRunner runner, int corpus, int rejected, int boundary, TimeSpan elapsed)
    {
        var line = $"Fuzzing: seed {seed}, {runner.Sent} requests ({corpus} corpus, {rejected} must-refuse/read, {boundary} boundary) over " +
            $"{document.Operations.Count} operations in {elapsed.TotalSeconds:F0} s; {runner.Successes.Count} operations answered 2xx at least once; " +
            "statuses " + string.Join(", ", runner.Statuses.OrderBy(p => p.Key).Select(p => $"{p.Key}×{p.Value}"));
        output.WriteLine(line);
        Console.WriteLine(line);
        var neverSucceeded = document.Operations.Where(op => !runner.Successes.ContainsKey(op.Id)).Select(op => op.ToString());
        output.WriteLine("Never answered 2xx: " + string.Join(", ", neverSucceeded));
    }
}
