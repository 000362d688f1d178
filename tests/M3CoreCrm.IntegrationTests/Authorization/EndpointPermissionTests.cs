using M3CoreCrm.BuildingBlocks.Authorization;
using M3CoreCrm.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace M3CoreCrm.IntegrationTests.Authorization;

/// <summary>
/// Every endpoint under /api/v1 declares the permission it needs (<c>.RequirePermission(...)</c>, or
/// <c>.RequireSelf()</c> for the caller's own profile and sessions) or is explicitly anonymous. A module that adds
/// an endpoint and forgets it fails here, without a new test.
/// </summary>
[Collection("api")]
public sealed class EndpointPermissionTests(ApiFixture fixture)
{
    [Fact]
    public void Every_api_endpoint_declares_a_permission_or_allows_anonymous()
    {
        var endpoints = ApiEndpoints();

        var undeclared = endpoints
            .Where(e => e.Metadata.GetMetadata<PermissionRequirement>() is null && e.Metadata.GetMetadata<IAllowAnonymous>() is null)
            .Select(Describe)
            .ToList();

        Assert.True(endpoints.Count > 20, $"Only {endpoints.Count} endpoints under /api/v1 were found.");
        Assert.True(undeclared.Count == 0, "Endpoints without a permission or AllowAnonymous:\n" + string.Join('\n', undeclared));
    }

    [Fact]
    public void Every_declared_permission_is_in_the_catalogue()
    {
        var catalog = fixture.Factory.Services.GetRequiredService<PermissionCatalog>();

        var unknown = ApiEndpoints()
            .Select(e => (Endpoint: e, Requirement: e.Metadata.GetMetadata<PermissionRequirement>()))
            .Where(x => x.Requirement is { } r && r.Name != PermissionRequirement.Self && catalog.Find(r.Name) is null)
            .Select(x => $"{Describe(x.Endpoint)} needs '{x.Requirement!.Name}'")
            .ToList();

        Assert.True(unknown.Count == 0, "Permissions missing from the catalogue:\n" + string.Join('\n', unknown));
    }

    [Fact]
    public void Only_login_refresh_and_platform_routes_are_anonymous()
    {
        var anonymous = ApiEndpoints()
            .Where(e => e.Metadata.GetMetadata<IAllowAnonymous>() is not null)
            .Select(e => e.RoutePattern.RawText!)
            .Where(p => !p.StartsWith("/api/v1/platform/", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .ToList();

        Assert.Equal(["/api/v1/auth/login", "/api/v1/auth/refresh"], anonymous);
    }

    [Theory]
    [InlineData("GET", "/api/v1/me", "self")]
    [InlineData("POST", "/api/v1/me/password", "self")]
    [InlineData("GET", "/api/v1/roles", "roles.read")]
    [InlineData("PUT", "/api/v1/roles/{id:guid}/grants", "roles.manage")]
    [InlineData("GET", "/api/v1/permissions", "roles.read")]
    [InlineData("PUT", "/api/v1/groups/{id:guid}/members", "groups.manage")]
    [InlineData("POST", "/api/v1/users/{id:guid}/disable", "users.manage")]
    [InlineData("GET", "/api/v1/users", "users.read")]
    [InlineData("POST", "/api/v1/api-keys", "apikeys.manage")]
    [InlineData("GET", "/api/v1/audit", "audit.read")]
    public void Known_endpoints_declare_the_expected_permission(string method, string route, string permission)
    {
        var endpoint = Assert.Single(ApiEndpoints(), e =>
            e.RoutePattern.RawText!.TrimEnd('/') == route
            && e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods.Contains(method) == true);

        Assert.Equal(permission, endpoint.Metadata.GetMetadata<PermissionRequirement>()?.Name);
    }

    private List<RouteEndpoint> ApiEndpoints() =>
        fixture.Factory.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api/v1", StringComparison.Ordinal) == true)
            .ToList();

    private static string Describe(RouteEndpoint endpoint) =>
        $"{string.Join(',', endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? [])} {endpoint.RoutePattern.RawText}";
}
