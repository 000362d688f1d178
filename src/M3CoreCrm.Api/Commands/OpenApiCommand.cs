using M3CoreCrm.Api.Hosting;
using M3CoreCrm.BuildingBlocks.Modules;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.Swagger;

namespace M3CoreCrm.Api.Commands;

/// <summary>
/// <c>openapi [file]</c>: writes the OpenAPI document that /swagger/v1/swagger.json serves, without starting the server
/// or touching the database, so a build can generate a client from the API exactly as it was compiled. It needs no
/// configuration at all (<see cref="Hosting.CrmSettings.DocumentOnlyDefaults"/>).
/// </summary>
internal sealed class OpenApiCommand : IHostCommand
{
    internal const string CommandName = "openapi";

    public string Name => CommandName;

    public string Usage => "openapi [file]   writes the OpenAPI document (JSON) to the file, or to standard output";

    public async Task<int> RunAsync(IReadOnlyList<string> arguments, IServiceProvider services, CancellationToken cancellationToken)
    {
        if (arguments.Count > 1)
        {
            await Console.Error.WriteLineAsync(Usage);
            return 2;
        }

        var document = await services.GetRequiredService<IAsyncSwaggerProvider>().GetSwaggerAsync(OpenApiSetup.DocumentName);
        if (arguments.Count == 0)
        {
            Write(document, Console.Out);
            return 0;
        }

        var path = Path.GetFullPath(arguments[0]);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await using (var file = new StreamWriter(path))
        {
            Write(document, file);
        }

        return 0;
    }

    private static void Write(OpenApiDocument document, TextWriter writer)
    {
        document.SerializeAsV3(new OpenApiJsonWriter(writer));
        writer.Flush();
    }
}
