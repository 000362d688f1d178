using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace M3CoreCrm.BuildingBlocks.Modules;

/// <summary>A feature module's front door: the host lists modules in one array and calls these two methods.</summary>
public interface IModule
{
    /// <summary>Registers the module's services, DbContext and validators.</summary>
    void AddServices(IServiceCollection services, IConfiguration configuration);

    /// <summary>Maps the module's endpoints under the versioned API group (<c>/api/v1</c>).</summary>
    void MapEndpoints(IEndpointRouteBuilder api);
}
