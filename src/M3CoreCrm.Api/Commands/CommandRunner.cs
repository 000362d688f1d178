using M3CoreCrm.BuildingBlocks.Modules;

namespace M3CoreCrm.Api.Commands;

/// <summary>
/// The host's CLI: <c>migrate</c>, the modules' commands (e.g. <c>tenant create</c>), or no command to serve HTTP.
/// </summary>
internal static class CommandRunner
{
    internal static async Task<int> RunAsync(WebApplication app, string[] args)
    {
        var name = args.Length > 0 && !args[0].StartsWith('-') ? args[0] : null;
        if (name is null)
        {
            await app.RunAsync();
            return 0;
        }

        using var cancel = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) => { e.Cancel = true; cancel.Cancel(); };
        if (name == "migrate")
        {
            await Migrator.MigrateAsync(app.Services, cancel.Token);
            return 0;
        }

        // A started host hands the mapped endpoints to routing (and so to the API explorer) when it builds its
        // pipeline; a command never starts it, so it does that step itself (e.g. for the openapi command).
        app.UseEndpoints(_ => { });
        var commands = app.Services.GetServices<IHostCommand>().ToList();
        var command = commands.FirstOrDefault(c => c.Name == name);
        if (command is null)
        {
            await Console.Error.WriteLineAsync($"Unknown command '{name}'. Commands: migrate, {string.Join(", ", commands.Select(c => c.Name))}.");
            return 2;
        }

        await using var scope = app.Services.CreateAsyncScope();
        return await command.RunAsync(args[1..], scope.ServiceProvider, cancel.Token);
    }
}
