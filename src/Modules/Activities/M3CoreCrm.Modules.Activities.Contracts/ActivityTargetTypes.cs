namespace M3CoreCrm.Modules.Activities.Contracts;

/// <summary>The record types activities and tasks can be attached to (the API's <c>targets[].type</c> and timeline path).</summary>
public static class ActivityTargetTypes
{
    public const string Lead = "lead";
    public const string Contact = "contact";
    public const string Company = "company";
    public const string Deal = "deal";
    public const string Unit = "unit";

    public static IReadOnlyList<string> All { get; } = [Lead, Contact, Company, Deal, Unit];
}
