using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace M3CoreCrm.Api.Hosting.OpenApi;

/// <summary>
/// A description for each tag (the groups of the reference). A new tag without one fails the lint step of test.sh, so
/// a module that adds a tag adds its line here.
/// </summary>
internal sealed class TagDescriptionsFilter : IDocumentFilter
{
    private static readonly Dictionary<string, string> Descriptions = new(StringComparer.Ordinal)
    {
        ["Auth"] = "Sign in with a workspace, email and password; refresh and revoke sessions. The access token (15 minutes) goes in `Authorization: Bearer`.",
        ["API keys"] = "Keys for integrations (`m3k_...`), bounded by their creator's permissions and a lifetime; the secret is shown once.",
        ["Users"] = "The tenant's users: invite, change, deactivate, and give roles.",
        ["Roles"] = "Roles are sets of permissions, each data permission granted with a scope (own, group, all).",
        ["Groups"] = "Teams of users: the `group` scope of a permission reaches the records of the caller's groups.",
        ["Audit"] = "Who changed what and when: every change of every record, read-only.",
        ["Platform"] = "Operator routes to create tenants, guarded by the platform key (`X-Platform-Key`), not by a tenant user.",
        ["Leads"] = "Enquiries from portals (Property Finder, Bayut), walk-ins and campaigns: assign, qualify, convert into a contact and a deal.",
        ["Contacts"] = "Buyers, tenants and investors: people with emails, phones and their company; merge duplicates.",
        ["Companies"] = "Organisations contacts belong to (developers, brokerages, corporate buyers).",
        ["Deals"] = "Sales in progress through a pipeline's stages: move, win, lose, reopen; the board and the forecast.",
        ["Pipelines"] = "The sales processes of the tenant and their ordered stages (open, won, lost).",
        ["Activities"] = "Calls, meetings, viewings, emails and notes logged on leads, contacts and deals, and the timeline of a record.",
        ["Tasks"] = "To-dos with a due date, priority and assignee, linked to a record.",
        ["Inventory"] = "Projects, buildings and units for sale, their prices in AED, holds and reservations.",
    };

    public void Apply(OpenApiDocument swaggerDoc, DocumentFilterContext context)
    {
        foreach (var tag in swaggerDoc.Tags ?? new HashSet<OpenApiTag>())
        {
            if (tag.Name is { } name && Descriptions.TryGetValue(name, out var description))
            {
                tag.Description = description;
            }
        }
    }
}
