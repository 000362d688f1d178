using M3CoreCrm.IntegrationTests.Deals;

namespace M3CoreCrm.IntegrationTests.Hardening.Concurrency;

/// <summary>Real parallel HTTP requests released together: each waits at an async gate until all have started.</summary>
internal static class Race
{
    internal const int Contenders = 16;

    internal static async Task<Reply[]> RunAsync(Func<int, Task<Reply>> request, int contenders = Contenders)
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var ready = 0;
        var all = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var runs = Enumerable.Range(0, contenders).Select(i => Task.Run(async () =>
        {
            if (Interlocked.Increment(ref ready) == contenders)
            {
                all.SetResult();
            }

            await gate.Task;
            return await request(i);
        })).ToArray();
        await all.Task;
        gate.SetResult();
        return await Task.WhenAll(runs);
    }

    /// <summary>The one 2xx reply; every other reply must have <paramref name="losers"/>' status.</summary>
    internal static Reply SingleWinner(Reply[] replies, System.Net.HttpStatusCode winner, System.Net.HttpStatusCode losers, string? loserCode = null)
    {
        var won = Assert.Single(replies, r => r.Status == winner);
        Assert.All(replies.Where(r => r != won), r => r.Problem(losers, loserCode));
        return won;
    }
}
