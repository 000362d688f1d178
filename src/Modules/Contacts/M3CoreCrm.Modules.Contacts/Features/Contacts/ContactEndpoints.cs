using System.Text.Json;
using M3CoreCrm.BuildingBlocks.Authorization;
using M3CoreCrm.BuildingBlocks.Http;
using M3CoreCrm.BuildingBlocks.Paging;
using M3CoreCrm.BuildingBlocks.Validation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace M3CoreCrm.Modules.Contacts.Features.Contacts;

/// <summary>/api/v1/contacts: CRUD with soft delete and restore, keyset lists with search, batch, merge.</summary>
internal static class ContactEndpoints
{
    internal static void Map(IEndpointRouteBuilder api)
    {
        var contacts = api.MapGroup("/contacts").WithTags("Contacts");

        contacts.MapPost("/", CreateAsync)
            .WithName("CreateContact")
            .WithSummary("Create a contact; 409 with existingId when a live contact has one of its emails or phones, unless allowDuplicate=true.")
            .RequirePermission(ContactsPermissions.ContactsCreate)
            .AnswersWith(StatusCodes.Status403Forbidden, "contact.owner_out_of_scope")
            .AnswersWith(StatusCodes.Status409Conflict, "contact.duplicate")
            .Validate<ContactInput>()
            .ReturnsETag();

        contacts.MapGet("/", ListAsync)
            .WithName("ListContacts")
            .WithSummary("List contacts in the caller's scope: keyset-paged, sorted (createdAt, updatedAt, name), filtered, q searches names, emails and phones.")
            .RequirePermission(ContactsPermissions.ContactsRead)
            .ProducesProblem(StatusCodes.Status400BadRequest);

        contacts.MapGet("/{id:guid}", GetAsync)
            .WithName("GetContact")
            .WithSummary("Read a contact; the ETag header carries its version for If-Match.")
            .RequirePermission(ContactsPermissions.ContactsRead)
            .ProducesRecordProblems()
            .ReturnsETag();

        contacts.MapPatch("/{id:guid}", PatchAsync)
            .WithName("UpdateContact")
            .WithSummary("Change a contact with a JSON merge patch (null clears a field, lists replace); If-Match gives 412 when stale.")
            .RequirePermission(ContactsPermissions.ContactsUpdate)
            .AnswersWith(StatusCodes.Status403Forbidden, "contact.owner_out_of_scope")
            .AnswersWith(StatusCodes.Status409Conflict, "contact.duplicate")
            .AcceptsMergePatch<ContactInput>()
            .ProducesPatchProblems(withConflict: true)
            .ReturnsETag();

        contacts.MapDelete("/{id:guid}", DeleteAsync)
            .WithName("DeleteContact")
            .WithSummary("Delete a contact (soft: it can be restored); If-Match gives 412 when stale.")
            .RequirePermission(ContactsPermissions.ContactsDelete)
            .ProducesWriteProblems();

        contacts.MapPost("/{id:guid}/restore", RestoreAsync)
            .WithName("RestoreContact")
            .WithSummary("Restore a deleted contact (a live one is returned as it is).")
            .RequirePermission(ContactsPermissions.ContactsDelete)
            .ProducesRecordProblems()
            .ReturnsETag();

        contacts.MapPost("/batch", BatchAsync)
            .WithName("BatchContacts")
            .WithSummary("Create (no id; data is a contact) or update (id; data is a merge patch) up to 100 contacts, each on its own, with a result per item.")
            .RequirePermission(ContactsPermissions.ContactsCreate)
            .Validate<ContactBatchRequest>();

        contacts.MapPost("/{id:guid}/merge", MergeAsync)
            .WithName("MergeContacts")
            .WithSummary("Merge otherId into this contact: its emails, phones and tags move here, empty fields are filled, and it is deleted.")
            .RequirePermission(ContactsPermissions.ContactsMerge)
            .AnswersWith(StatusCodes.Status409Conflict, "contact.merge_too_large")
            .Validate<MergeContactsRequest>()
            .ProducesWriteProblems(withConflict: true)
            .ReturnsETag();
    }

    private static async Task<Created<ContactResponse>> CreateAsync(
        ContactInput body, [FromQuery] bool? allowDuplicate, ContactService contacts, HttpResponse response, CancellationToken ct)
    {
        var contact = await contacts.CreateAsync(body, ContactWriteOptions.Api(allowDuplicate == true), ct);
        ETags.Write(response, contact.Version);
        return TypedResults.Created($"/api/v1/contacts/{contact.Id}", ContactResponse.From(contact));
    }

    private static async Task<Ok<Page<ContactResponse>>> ListAsync(
        [AsParameters] ContactListQuery filter, [AsParameters] PageQuery page, ContactQueries queries, CancellationToken ct) =>
        TypedResults.Ok(await queries.ListAsync(filter, page, ct));

    private static async Task<Ok<ContactResponse>> GetAsync(Guid id, ContactService contacts, HttpResponse response, CancellationToken ct)
    {
        var contact = await contacts.FindAsync(id, ContactsPermissions.ContactsRead, ct);
        ETags.Write(response, contact.Version);
        return TypedResults.Ok(ContactResponse.From(contact));
    }

    private static async Task<Ok<ContactResponse>> PatchAsync(
        Guid id, JsonElement patch, [FromQuery] bool? allowDuplicate, ContactService contacts, HttpContext http, CancellationToken ct)
    {
        var contact = await contacts.FindAsync(id, ContactsPermissions.ContactsUpdate, ct);
        ETags.EnsureMatches(http.Request, contact.Version);
        await contacts.PatchAsync(contact, patch, allowDuplicate == true, ct);
        ETags.Write(http.Response, contact.Version);
        return TypedResults.Ok(ContactResponse.From(contact));
    }

    private static async Task<NoContent> DeleteAsync(Guid id, ContactService contacts, HttpRequest request, CancellationToken ct)
    {
        var contact = await contacts.FindAsync(id, ContactsPermissions.ContactsDelete, ct);
        ETags.EnsureMatches(request, contact.Version);
        await contacts.DeleteAsync(contact, ct);
        return TypedResults.NoContent();
    }

    private static async Task<Ok<ContactResponse>> RestoreAsync(Guid id, ContactService contacts, HttpResponse response, CancellationToken ct)
    {
        var contact = await contacts.FindAsync(id, ContactsPermissions.ContactsDelete, ct, includeDeleted: true);
        await contacts.RestoreAsync(contact, ct);
        ETags.Write(response, contact.Version);
        return TypedResults.Ok(ContactResponse.From(contact));
    }

    private static async Task<Ok<ContactResponse>> MergeAsync(
        Guid id, MergeContactsRequest body, ContactService contacts, HttpContext http, CancellationToken ct)
    {
        if (body.OtherId == id)
        {
            throw Problems.BadRequest("contact.merge_self", "A contact cannot be merged with itself.");
        }

        var survivor = await contacts.FindAsync(id, ContactsPermissions.ContactsMerge, ct);
        ETags.EnsureMatches(http.Request, survivor.Version);
        var other = await contacts.FindAsync(body.OtherId, ContactsPermissions.ContactsMerge, ct);
        await contacts.MergeAsync(survivor, other, ct);
        ETags.Write(http.Response, survivor.Version);
        return TypedResults.Ok(ContactResponse.From(survivor));
    }

    private static async Task<Ok<BatchResponse>> BatchAsync(
        ContactBatchRequest body, [FromQuery] bool? allowDuplicate, ContactService contacts, CancellationToken ct) =>
        TypedResults.Ok(await contacts.BatchAsync(body.Items, allowDuplicate == true, ct));
}
