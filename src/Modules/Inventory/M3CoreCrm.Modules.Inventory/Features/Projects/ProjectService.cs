using System.Text.Json;
using FluentValidation;
using M3CoreCrm.BuildingBlocks.Data;
using M3CoreCrm.BuildingBlocks.Http;
using M3CoreCrm.BuildingBlocks.Paging;
using M3CoreCrm.BuildingBlocks.Validation;
using M3CoreCrm.Modules.Inventory.Data;
using M3CoreCrm.Modules.Inventory.Domain;
using Microsoft.EntityFrameworkCore;

namespace M3CoreCrm.Modules.Inventory.Features.Projects;

/// <summary>Projects: create, list, read, change, delete (soft; refused while it has live buildings) and restore.</summary>
internal sealed class ProjectService(InventoryDbContext db, IValidator<ProjectInput> validator, TimeProvider clock)
{
    internal static readonly SortCatalog<Project> Sorts = new(
        SortField<Project>.For("id", p => p.Id),
        "-createdAt",
        SortField<Project>.For("createdAt", p => p.CreatedAt),
        SortField<Project>.For("name", p => p.Name));

    public async Task<Project> CreateAsync(ProjectInput input, CancellationToken ct)
    {
        var project = Project.Create(input.ToDetails(), clock.GetUtcNow());
        db.Projects.Add(project);
        await db.SaveChangesAsync(ct);
        return project;
    }

    public async Task<Page<ProjectResponse>> ListAsync(ProjectListQuery filter, PageQuery page, CursorCodec cursors, CancellationToken ct)
    {
        var sort = Sorts.Parse(page.Sort);
        var query = db.Projects.AsNoTracking();
        if (filter.Status is { } status)
        {
            query = query.Where(p => p.Status == status);
        }

        return await Keyset.PageAsync(query.WhereNameContains(filter.Q), sort, page, cursors, ProjectResponse.From, ct);
    }

    public Task<Project> FindAsync(Guid id, CancellationToken ct, bool includeDeleted = false) =>
        db.Projects.FindOrNotFoundAsync(id, "project", includeDeleted, ct);

    public async Task PatchAsync(Project project, JsonElement patch, CancellationToken ct)
    {
        var input = MergePatch.Apply(ProjectInput.From(project), patch);
        await validator.EnsureValidAsync(input, ct);
        if (input.ToDetails() != project.Details())
        {
            project.Apply(input.ToDetails(), clock.GetUtcNow());
            await db.SaveChangesAsync(ct);
        }
    }

    public async Task DeleteAsync(Project project, CancellationToken ct)
    {
        if (await db.Buildings.AnyAsync(b => b.ProjectId == project.Id, ct))
        {
            throw Problems.Conflict("project.has_buildings", "The project has buildings; delete them first.");
        }

        await db.SoftDeleteAsync(project, clock.GetUtcNow(), ct);
    }

    public Task RestoreAsync(Project project, CancellationToken ct) => db.RestoreAsync(project, clock.GetUtcNow(), ct);
}
