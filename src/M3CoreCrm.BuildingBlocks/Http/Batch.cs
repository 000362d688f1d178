using Microsoft.EntityFrameworkCore;

namespace M3CoreCrm.BuildingBlocks.Http;

/// <summary>The answer of a batch call: one result per submitted record, in order.</summary>
public sealed record BatchResponse(int Succeeded, int Failed, IReadOnlyList<BatchItemResult> Items);

/// <summary>One record's outcome: its index in the request, the HTTP-like status, its id, or the problem.</summary>
public sealed record BatchItemResult(int Index, int Status, Guid? Id, BatchItemProblem? Problem);

public sealed record BatchItemProblem(string Code, string Detail, IReadOnlyDictionary<string, string[]>? Errors);

/// <summary>
/// Runs up to <see cref="MaxItems"/> records independently: each one commits or fails alone, and a failure leaves
/// nothing of that record behind (the context's pending changes are dropped).
/// </summary>
public static class Batch
{
    public const int MaxItems = 100;

    public static async Task<BatchResponse> RunAsync<TItem>(
        IReadOnlyList<TItem> items,
        DbContext context,
        Func<TItem, CancellationToken, Task<(int Status, Guid Id)>> process,
        CancellationToken cancellationToken)
    {
        if (items.Count is 0 or > MaxItems)
        {
            throw Problems.BadRequest("batch.invalid_size", $"A batch holds 1 to {MaxItems} records.");
        }

        var results = new List<BatchItemResult>(items.Count);
        for (var i = 0; i < items.Count; i++)
        {
            try
            {
                var (status, id) = await process(items[i], cancellationToken);
                results.Add(new BatchItemResult(i, status, id, null));
            }
            catch (ApiProblemException problem)
            {
                context.ChangeTracker.Clear();
                var errors = problem.Extensions.TryGetValue("errors", out var e) ? e as IReadOnlyDictionary<string, string[]> : null;
                results.Add(new BatchItemResult(i, problem.Status, null, new BatchItemProblem(problem.Code, problem.Detail ?? problem.Title, errors)));
            }
        }

        return new BatchResponse(results.Count(r => r.Problem is null), results.Count(r => r.Problem is not null), results);
    }
}
