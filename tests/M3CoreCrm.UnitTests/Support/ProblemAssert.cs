using M3CoreCrm.BuildingBlocks.Http;

namespace M3CoreCrm.UnitTests.Support;

/// <summary>Asserts that code answers with a given problem: the status and the machine code clients rely on.</summary>
internal static class ProblemAssert
{
    internal static ApiProblemException Throws(int status, string code, Action action) =>
        Check(Assert.Throws<ApiProblemException>(action), status, code);

    internal static ApiProblemException Throws(int status, string code, Func<object?> func) =>
        Check(Assert.Throws<ApiProblemException>(func), status, code);

    internal static async Task<ApiProblemException> ThrowsAsync(int status, string code, Func<Task> action) =>
        Check(await Assert.ThrowsAsync<ApiProblemException>(action), status, code);

    private static ApiProblemException Check(ApiProblemException problem, int status, string code)
    {
        Assert.Equal(code, problem.Code);
        Assert.Equal(status, problem.Status);
        return problem;
    }
}
