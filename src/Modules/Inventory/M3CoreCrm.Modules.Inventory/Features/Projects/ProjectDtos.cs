using M3CoreCrm.Modules.Inventory.Domain;
using M3CoreCrm.Modules.Inventory.Features.Shared;

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
