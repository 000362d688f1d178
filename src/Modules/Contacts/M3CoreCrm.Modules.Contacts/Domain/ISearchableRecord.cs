using M3CoreCrm.BuildingBlocks.Data;

namespace M3CoreCrm.Modules.Contacts.Domain;

/// <summary>What the list search reads of a contact or a company: one search routine serves both.</summary>
internal interface ISearchableRecord : IEntity
{
    DateTimeOffset CreatedAt { get; }

    string SearchText { get; }

    List<string> Tags { get; }
}
