namespace M3CoreCrm.Modules.Inventory.Domain;

/// <summary>A record listed and searched by its name (projects, buildings).</summary>
internal interface INamedRecord
{
    string Name { get; }
}
