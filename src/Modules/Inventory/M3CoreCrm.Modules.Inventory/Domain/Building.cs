using M3CoreCrm.BuildingBlocks.Data;
using M3CoreCrm.BuildingBlocks.Tenancy;

namespace M3CoreCrm.Modules.Inventory.Domain;

/// <summary>A building or tower of a project, with its number of floors (the project never changes).</summary>
internal sealed class Building : ITenantOwned, IEntity, IRestorable, INamedRecord
{
    private Building()
    {
    }

    public Guid Id { get; private set; }

    public Guid TenantId { get; private set; }

    public Guid ProjectId { get; private set; }

    public string Name { get; private set; } = null!;

    public int Floors { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    public DateTimeOffset? DeletedAt { get; private set; }

    public uint Version { get; private set; }

    public static Building Create(Guid projectId, string name, int floors, DateTimeOffset now)
    {
        var at = Timestamps.Stored(now);
        var building = new Building { Id = Guid.CreateVersion7(), ProjectId = projectId, CreatedAt = at };
        building.Apply(name, floors, at);
        return building;
    }

    public void Apply(string name, int floors, DateTimeOffset now)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(floors);
        (Name, Floors) = (name, floors);
        UpdatedAt = Timestamps.Stored(now);
    }

    public void SoftDelete(DateTimeOffset now) => DeletedAt = UpdatedAt = Timestamps.Stored(now);

    public void Restore(DateTimeOffset now)
    {
        DeletedAt = null;
        UpdatedAt = Timestamps.Stored(now);
    }
}
