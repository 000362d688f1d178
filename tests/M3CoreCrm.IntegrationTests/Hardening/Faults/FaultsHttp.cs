using System.Text;
using System.Text.Json;

namespace M3CoreCrm.IntegrationTests.Hardening.Faults;

/// <summary>What one request under fault got back: enough to check a 503 problem and to report figures.</summary>
internal sealed record Outcome(string Operation, int Status, string? MediaType, string? Code, int? ProblemStatus, string? RetryAfter, bool Replayed, string Body, string? Failure)
{
    /// <summary>The answer to "database unavailable": 503, problem+json with status 503 and its code, and Retry-After.</summary>
    internal bool IsUnavailableProblem => Status == 503 && MediaType == "application/problem+json" && ProblemStatus == 503
        && Code == "service.unavailable" && RetryAfter is { Length: > 0 };

    internal bool IsSuccess => Status is >= 200 and < 300;

    public override string ToString() => Failure is null
        ? $"{Operation} -> {Status} {MediaType} code={Code} retry-after={RetryAfter} {Truncated(Body)}"
        : $"{Operation} -> no response: {Failure}";

    private static string Truncated(string text) => text.Length > 300 ? text[..300] + "..." : text;
}

internal static class FaultsHttp
{
    /// <summary>Sends and records the outcome; a client timeout or transport error is recorded, not thrown.</summary>
    internal static async Task<(Outcome Outcome, JsonElement? Json)> SendAsync(HttpClient client, string operation, HttpRequestMessage request)
    {
        try
        {
            using (request)
            {
                using var response = await client.SendAsync(request);
                var body = await response.Content.ReadAsStringAsync();
                JsonElement? json = null;
                string? code = null;
                int? problemStatus = null;
                if (body.Length > 0 && body[0] == '{')
                {
                    json = JsonDocument.Parse(body).RootElement.Clone();
                    code = json.Value.TryGetProperty("code", out var c) ? c.GetString() : null;
                    problemStatus = json.Value.TryGetProperty("status", out var s) && s.ValueKind == JsonValueKind.Number ? s.GetInt32() : null;
                }

                var retryAfter = response.Headers.TryGetValues("Retry-After", out var values) ? string.Join(",", values) : null;
                var replayed = response.Headers.Contains("Idempotent-Replayed");
                return (new Outcome(operation, (int)response.StatusCode, response.Content.Headers.ContentType?.MediaType, code, problemStatus, retryAfter, replayed, body, null), json);
            }
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
        {
            return (new Outcome(operation, 0, null, null, null, null, false, string.Empty, $"{e.GetType().Name}: {e.Message}"), null);
        }
    }

    internal static HttpRequestMessage Get(string url) => new(HttpMethod.Get, url);

    /// <summary>
    /// Sends until the answer is not "database unavailable", as a client honouring Retry-After would (briefly here):
    /// right after a restart a request may still meet a connection from before it. Returns the answer and the 503s.
    /// </summary>
    internal static async Task<(Outcome Outcome, JsonElement? Json, int Unavailable)> SendUntilAvailableAsync(
        HttpClient client, string operation, Func<HttpRequestMessage> request, int maxAttempts = 20)
    {
        for (var unavailable = 0; ; unavailable++)
        {
            var (outcome, json) = await SendAsync(client, operation, request());
            if (!outcome.IsUnavailableProblem || unavailable + 1 >= maxAttempts)
            {
                return (outcome, json, unavailable);
            }

            await Task.Delay(TimeSpan.FromMilliseconds(250));
        }
    }

    /// <summary>A POST of a JSON text; the text is kept byte-identical across retries (the idempotency hash covers it).</summary>
    internal static HttpRequestMessage PostJson(string url, string json, string? idempotencyKey = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        return request;
    }

    /// <summary>A valid lead whose last name is the run's marker (to count rows) and whose email is unique.</summary>
    internal static string LeadJson(string marker, int index) => JsonSerializer.Serialize(new
    {
        firstName = $"Lead{index}",
        lastName = marker,
        email = $"lead{index}.{marker}@example.com",
        source = "website",
    });

    /// <summary>Polls /health/ready until 200; returns how many polls were not 200. Fails after the deadline.</summary>
    internal static async Task<int> WaitUntilReadyAsync(HttpClient client, TimeSpan deadline)
    {
        var until = DateTime.UtcNow + deadline;
        for (var notReady = 0; ; notReady++)
        {
            var (outcome, _) = await SendAsync(client, "ready", Get("/health/ready"));
            if (outcome.Status == 200)
            {
                return notReady;
            }

            Assert.True(DateTime.UtcNow < until, $"/health/ready did not answer 200 within {deadline}; last: {outcome}");
            await Task.Delay(TimeSpan.FromMilliseconds(250));
        }
    }

    /// <summary>A short summary such as "201 x 40, 503 x 12", for reports.</summary>
    internal static string Histogram(IEnumerable<Outcome> outcomes) => string.Join(", ",
        outcomes.GroupBy(o => o.Failure is null ? o.Status.ToString(System.Globalization.CultureInfo.InvariantCulture) : "no response")
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => $"{g.Key} x {g.Count()}"));
}
