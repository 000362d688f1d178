using System.Text.Json;
using FluentValidation;
using M3CoreCrm.BuildingBlocks.Authorization;
using M3CoreCrm.BuildingBlocks.Data;
using M3CoreCrm.BuildingBlocks.Http;
using M3CoreCrm.BuildingBlocks.Paging;
using M3CoreCrm.BuildingBlocks.Validation;
using M3CoreCrm.Modules.Inventory.Authorization;
using M3CoreCrm.Modules.Inventory.Data;
using M3CoreCrm.Modules.Inventory.Domain;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace M3CoreCrm.Modules.Inventory.Features.Projects;

/// <summary>A project's editable fields: what create takes and what a merge patch applies to.</summary>
internal sealed record ProjectInput(string Name, string? Location, string? Developer, ProjectStatus? Status, DateOnly? HandoverDate)
{
    public static ProjectInput From(Project p) => new(p.Name, p.Location, p.Developer, p.Status, p.HandoverDate);

    public ProjectDetails ToDetails() =>
        new(Name.Trim(), InventoryRules.Clean(Location), InventoryRules.Clean(Developer), Status ?? ProjectStatus.Planning, HandoverDate);
}

internal sealed record ProjectResponse(
    Guid Id, string Name, string? Location, string? Developer, ProjectStatus Status, DateOnly? HandoverDate,
    DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, DateTimeOffset? DeletedAt)
{
    public static ProjectResponse From(Project p) =>
        new(p.Id, p.Name, p.Location, p.Developer, p.Status, p.HandoverDate, p.CreatedAt, p.UpdatedAt, p.DeletedAt);
}

/// <summary>Filters of the project list: status, and q (contains, case-insensitive) on the name.</summary>
internal sealed record ProjectListQuery(ProjectStatus? Status, string? Q);

internal sealed class ProjectInputValidator : AbstractValidator<ProjectInput>
{
    public ProjectInputValidator()
    {
        RuleFor(p => p.Name).NotEmpty().MaximumLength(Limits.Name).Must(InventoryRules.NoControl)
            .WithMessage($"name is 1 to {Limits.Name} characters, without control characters.");
        RuleFor(p => p.Location).MaximumLength(Limits.Text).Must(InventoryRules.NoControl);
        RuleFor(p => p.Developer).MaximumLength(Limits.Text).Must(InventoryRules.NoControl);
        RuleFor(p => p.Status).IsInEnum();
    }
}

/// <summary>/api/v1/inventory/projects: CRUD with soft delete and restore; keyset lists; ETag and If-Match.</summary>
internal static class ProjectEndpoints
{
    internal static readonly SortCatalog<Project> Sorts = new(
        SortField<Project>.For("id", p => p.Id),
        "-createdAt",
        SortField<Project>.For("createdAt", p => p.CreatedAt),
        SortField<Project>.For("name", p => p.Name));

    internal static void Map(IEndpointRouteBuilder inventory)
    {
        var projects = inventory.MapGroup("/projects").WithTags("Inventory");

        projects.MapPost("/", CreateAsync).WithName("CreateInventoryProject")
            .WithSummary("Create a project (status defaults to planning).")
            .RequirePermission(InventoryPermissions.Manage).Validate<ProjectInput>()
            .ReturnsETag();
        projects.MapGet("/", ListAsync).WithName("ListInventoryProjects")
            .WithSummary("List projects: keyset-paged, sorted by createdAt or name, filtered by status; q searches the name.")
            .RequirePermission(InventoryPermissions.Read).ProducesProblem(StatusCodes.Status400BadRequest);
        projects.MapGet("/{id:guid}", GetAsync).WithName("GetInventoryProject")
            .WithSummary("Read a project; the ETag header carries its version for If-Match.")
            .RequirePermission(InventoryPermissions.Read).ProducesRecordProblems()
            .ReturnsETag();
        projects.MapPatch("/{id:guid}", PatchAsync).WithName("UpdateInventoryProject")
            .WithSummary("Change a project with a JSON merge patch; If-Match gives 412 when stale.")
            .RequirePermission(InventoryPermissions.Manage)
            .AcceptsMergePatch<ProjectInput>()
            .ProducesPatchProblems()
            .ReturnsETag();
        projects.MapDelete("/{id:guid}", DeleteAsync).WithName("DeleteInventoryProject")
            .WithSummary("Delete a project (soft); refused (409) while it has live buildings. If-Match gives 412 when stale.")
            .RequirePermission(InventoryPermissions.Manage)
            .ProducesWriteProblems(withConflict: true);
        projects.MapPost("/{id:guid}/restore", RestoreAsync).WithName("RestoreInventoryProject")
            .WithSummary("Restore a deleted project (a live one is returned as it is).")
            .RequirePermission(InventoryPermissions.Manage).ProducesRecordProblems()
            .ReturnsETag();
    }

    private static async Task<Created<ProjectResponse>> CreateAsync(ProjectInput body, InventoryDbContext db, TimeProvider clock, HttpResponse response, CancellationToken ct)
    {
        var project = Project.Create(body.ToDetails(), clock.GetUtcNow());
        db.Projects.Add(project);
        await db.SaveChangesAsync(ct);
        ETags.Write(response, project.Version);
        return TypedResults.Created($"/api/v1/inventory/projects/{project.Id}", ProjectResponse.From(project));
    }

    private static async Task<Ok<Page<ProjectResponse>>> ListAsync(
        [AsParameters] ProjectListQuery filter, [AsParameters] PageQuery page, InventoryDbContext db, CursorCodec cursors, CancellationToken ct)
    {
        var sort = Sorts.Parse(page.Sort);
        var query = db.Projects.AsNoTracking();
        if (filter.Status is { } status)
        {
            query = query.Where(p => p.Status == status);
        }

        if (!string.IsNullOrWhiteSpace(filter.Q))
        {
            var pattern = LikePattern.Contains(filter.Q.Trim());
            query = query.Where(p => EF.Functions.ILike(p.Name, pattern, "\\"));
        }

        return TypedResults.Ok(await Keyset.PageAsync(query, sort, page, cursors, ProjectResponse.From, ct));
    }

    private static async Task<Ok<ProjectResponse>> GetAsync(Guid id, InventoryDbContext db, HttpResponse response, CancellationToken ct)
    {
        var project = await db.Projects.FindOrNotFoundAsync(id, "project", ct);
        ETags.Write(response, project.Version);
        return TypedResults.Ok(ProjectResponse.From(project));
    }

    private static async Task<Ok<ProjectResponse>> PatchAsync(
        Guid id, JsonElement patch, InventoryDbContext db, IValidator<ProjectInput> validator, TimeProvider clock, HttpContext http, CancellationToken ct)
    {
        var project = await db.Projects.FindOrNotFoundAsync(id, "project", ct);
        ETags.EnsureMatches(http.Request, project.Version);
        var input = MergePatch.Apply(ProjectInput.From(project), patch);
        await validator.EnsureValidAsync(input, ct);
        if (input.ToDetails() != project.Details())
        {
            project.Apply(input.ToDetails(), clock.GetUtcNow());
            await db.SaveChangesAsync(ct);
        }

        ETags.Write(http.Response, project.Version);
        return TypedResults.Ok(ProjectResponse.From(project));
    }

    private static async Task<NoContent> DeleteAsync(Guid id, InventoryDbContext db, TimeProvider clock, HttpRequest request, CancellationToken ct)
    {
        var project = await db.Projects.FindOrNotFoundAsync(id, "project", ct);
        ETags.EnsureMatches(request, project.Version);
        if (await db.Buildings.AnyAsync(b => b.ProjectId == id, ct))
        {
            throw Problems.Conflict("project.has_buildings", "The project has buildings; delete them first.");
        }

        await db.SoftDeleteAsync(project, clock.GetUtcNow(), ct);
        return TypedResults.NoContent();
    }

    private static async Task<Ok<ProjectResponse>> RestoreAsync(Guid id, InventoryDbContext db, TimeProvider clock, HttpResponse response, CancellationToken ct)
    {
        var project = await db.Projects.FindOrNotFoundAsync(id, "project", includeDeleted: true, ct);
        await db.RestoreAsync(project, clock.GetUtcNow(), ct);

        ETags.Write(response, project.Version);
        return TypedResults.Ok(ProjectResponse.From(project));
    }
}
