using M3CoreCrm.BuildingBlocks.Authorization;
using M3CoreCrm.BuildingBlocks.Http;
using Microsoft.AspNetCore.Authorization;

namespace M3CoreCrm.Api.Hosting.OpenApi;

/// <summary>
/// What a route needs of its caller, in words, from the endpoint's metadata (<c>RequirePermission</c>,
/// <c>RequireSelf</c>, <c>AllowAnonymous</c>, a header key) and the permission catalogue, so the document cannot drift
/// from what the authorization filter enforces.
/// </summary>
internal static class PermissionText
{
    internal static string For(IReadOnlyList<object> metadata, PermissionCatalog catalog)
    {
        if (metadata.OfType<HeaderKeyAuthorization>().LastOrDefault() is { } headerKey)
        {
            return $"**Access:** the `{headerKey.HeaderName}` header (platform operators); no tenant user or permission.";
        }

        if (metadata.OfType<IAllowAnonymous>().Any())
        {
            return "**Access:** anonymous: no token or API key.";
        }

        var requirement = metadata.OfType<PermissionRequirement>().LastOrDefault();
        if (requirement is null || requirement.Name == PermissionRequirement.Self)
        {
            return "**Access:** any signed-in user or API key; no permission beyond that: it acts on the caller itself.";
        }

        return For(requirement.Name, catalog.Find(requirement.Name));
    }

    internal static string For(string name, PermissionDefinition? definition) => definition?.Kind switch
    {
        PermissionKind.DataRead or PermissionKind.DataWrite =>
            $"**Permission:** `{name}` ({Sentence(definition.Description)}), scoped: granted for own records, the group's or all; "
            + "a record outside the caller's scope answers 404 as if it did not exist.",
        PermissionKind.Admin => $"**Permission:** `{name}` ({Sentence(definition.Description)}), not scoped (administration).",
        _ => $"**Permission:** `{name}`.",
    };

    private static string Sentence(string description) => description.TrimEnd('.').Length == 0
        ? description
        : char.ToLowerInvariant(description[0]) + description.TrimEnd('.')[1..];
}
