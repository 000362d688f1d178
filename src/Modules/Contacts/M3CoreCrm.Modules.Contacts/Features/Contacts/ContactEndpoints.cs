using System.Text.Json;
using FluentValidation;
using M3CoreCrm.BuildingBlocks.Authorization;
using M3CoreCrm.BuildingBlocks.Http;
using M3CoreCrm.BuildingBlocks.Paging;
using M3CoreCrm.BuildingBlocks.Validation;
using M3CoreCrm.Modules.Contacts.Data;
using M3CoreCrm.Modules.Contacts.Domain;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace M3CoreCrm.Modules.Contacts.Features.Contacts;

/// <summary>The body of POST /contacts/{id}/merge: the contact to merge into the one in the path.</summary>
internal sealed record MergeContactsRequest(Guid OtherId);

internal sealed class MergeContactsValidator : AbstractValidator<MergeContactsRequest>
{
    public MergeContactsValidator() => RuleFor(r => r.OtherId).NotEmpty();
}

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
            .Validate<ContactInput>()
            .ProducesProblem(StatusCodes.Status409Conflict)
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
        [AsParameters] ContactListQuery filter, [AsParameters] PageQuery page, ContactsDbContext db, AccessScope access, CursorCodec cursors, CancellationToken ct)
    {
        var result = await PageAsync(db, db.Contacts.AsNoTracking(), filter, page, access, cursors, ct);
        return TypedResults.Ok(result);
    }

    /// <summary>One page of contacts of <paramref name="source"/> in the caller's read scope (also the company's contact list).</summary>
    internal static async Task<Page<ContactResponse>> PageAsync(
        ContactsDbContext db,
        IQueryable<Contact> source, ContactListQuery filter, PageQuery page, AccessScope access, CursorCodec cursors, CancellationToken ct)
    {
        var sort = ContactQueries.Sorts.Parse(page.Sort);
        var scope = await access.OwnerFilterAsync<Contact>(ContactsPermissions.ContactsRead, c => c.OwnerId, ct);
        var query = (await ContactQueries.FilterAsync(db, source.Where(scope), filter, ct))
            .Include(c => c.Emails)
            .Include(c => c.Phones)
            .AsSplitQuery();
        return await Keyset.PageAsync(query, sort, page, cursors, ContactResponse.From, ct);
    }

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
        ContactBatchRequest body, [FromQuery] bool? allowDuplicate, ContactService contacts, ContactsDbContext db, AccessScope access, CancellationToken ct)
    {
        var result = await Batch.RunAsync(body.Items, db, async (item, token) =>
        {
            try
            {
                if (item.Data.ValueKind != JsonValueKind.Object)
                {
                    throw Problems.BadRequest("batch.invalid_item", "data must be a JSON object.");
                }

                if (item.Id is { } id)
                {
                    await access.DemandAsync(ContactsPermissions.ContactsUpdate, token);
                    var existing = await contacts.FindAsync(id, ContactsPermissions.ContactsUpdate, token);
                    await contacts.PatchAsync(existing, item.Data, allowDuplicate == true, token);
                    return (StatusCodes.Status200OK, id);
                }

                var created = await contacts.CreateAsync(BatchItems.Read<ContactInput>(item.Data), ContactWriteOptions.Api(allowDuplicate == true), token);
                return (StatusCodes.Status201Created, created.Id);
            }
            catch (DbUpdateConcurrencyException)
            {
                throw Problems.PreconditionFailed("The record was changed by someone else meanwhile; fetch it again and retry.");
            }
        }, ct);
        return TypedResults.Ok(result);
    }
}

/// <summary>
/// One record of a batch: without id, data is a new contact (the body of create); with an id, data is a JSON merge
/// patch of that contact.
/// </summary>
internal sealed record ContactBatchItem(Guid? Id, JsonElement Data);

internal sealed record ContactBatchRequest(IReadOnlyList<ContactBatchItem> Items);

internal sealed class ContactBatchValidator : AbstractValidator<ContactBatchRequest>
{
    public ContactBatchValidator()
    {
        RuleFor(r => r.Items).Must(i => i is { Count: > 0 and <= Batch.MaxItems })
            .WithMessage($"A batch holds 1 to {Batch.MaxItems} items.");
        RuleForEach(r => r.Items).NotNull();
    }
}
