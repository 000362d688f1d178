using M3CoreCrm.BuildingBlocks.Data;
using M3CoreCrm.BuildingBlocks.Tenancy;

namespace M3CoreCrm.Modules.Inventory.Domain;

internal sealed record ProjectDetails(string Name, string? Location, string? Developer, ProjectStatus Status, DateOnly? HandoverDate);

/// <summary>A real-estate development: a tower, a residences complex, a villa community.</summary>
internal sealed class Project : ITenantOwned, IEntity, IRestorable, INamedRecord
{
    private Project()
    {
    }

    public Guid Id { get; private set; }

    public Guid TenantId { get; private set; }

    public string Name { get; private set; } = null!;

    public string? Location { get; private set; }

    public string? Developer { get; private set; }

    public ProjectStatus Status { get; private set; }

    public DateOnly? HandoverDate { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    public DateTimeOffset? DeletedAt { get; private set; }

    public uint Version { get; private set; }

    public static Project Create(ProjectDetails details, DateTimeOffset now)
    {
        var at = Timestamps.Stored(now);
        var project = new Project { Id = Guid.CreateVersion7(), CreatedAt = at };
        project.Apply(details, at);
        return project;
    }

    public ProjectDetails Details() => new(Name, Location, Developer, Status, HandoverDate);

    public void Apply(ProjectDetails details, DateTimeOffset now)
    {
        (Name, Location, Developer, Status, HandoverDate) = (details.Name, details.Location, details.Developer, details.Status, details.HandoverDate);
        UpdatedAt = Timestamps.Stored(now);
    }

    public void SoftDelete(DateTimeOffset now) => DeletedAt = UpdatedAt = Timestamps.Stored(now);

    public void Restore(DateTimeOffset now)
    {
        DeletedAt = null;
        UpdatedAt = Timestamps.Stored(now);
    }
}
