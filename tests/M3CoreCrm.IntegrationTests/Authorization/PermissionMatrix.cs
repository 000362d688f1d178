using M3CoreCrm.IntegrationTests.Infrastructure;

namespace M3CoreCrm.IntegrationTests.Authorization;

/// <summary>
/// The mechanics every role × endpoint matrix shares: a row is an endpoint and the status each system role gets (in
/// <see cref="TestTeam.RoleNames"/> order), expanded into one case per role; placeholders in a row's path and body are
/// filled with the ids the matrix resolved for the case.
/// </summary>
internal static class PermissionMatrix
{
    internal const int Ok = 200, Created = 201, NoContent = 204, Forbidden = 403;

    internal static TheoryData<string, string, string, string?, int> Cases(IEnumerable<(string Method, string Path, string? Body, int[] Expected)> table)
    {
        var cases = new TheoryData<string, string, string, string?, int>();
        foreach (var (method, path, body, expected) in table)
        {
            for (var i = 0; i < TestTeam.RoleNames.Length; i++)
            {
                cases.Add(TestTeam.RoleNames[i], method, path, body, expected[i]);
            }
        }

        return cases;
    }

    internal static void AssertEveryRowNamesEveryRole(IEnumerable<(string Method, string Path, string? Body, int[] Expected)> table) =>
        Assert.All(table, row => Assert.Equal(TestTeam.RoleNames.Length, row.Expected.Length));

    /// <summary>Sends the row as <paramref name="role"/> and asserts the status (and the permission problem on a 403).</summary>
    internal static async Task AssertStatusAsync(
        ApiFixture fixture, TestTeam team, Dictionary<string, string> values, string role, string method, string path, string? body, int expected)
    {
        using var client = fixture.ClientOf(team.Members[role]);
        var answer = await client.SendJsonAsync(
            new HttpMethod(method),
            Fill(path, values),
            body is null ? null : Fill(body, values),
            contentType: method == "PATCH" ? "application/merge-patch+json" : "application/json");

        Assert.True((int)answer.Status == expected, $"{role} {method} {path}: expected {expected}, got {(int)answer.Status}: {answer.Body}");
        if (expected == Forbidden)
        {
            Assert.Equal("auth.permission_denied", answer.Code);
        }
    }

    internal static string Fill(string text, Dictionary<string, string> values) =>
        values.Aggregate(text, (current, value) => current.Replace(value.Key, value.Value, StringComparison.Ordinal));
}
