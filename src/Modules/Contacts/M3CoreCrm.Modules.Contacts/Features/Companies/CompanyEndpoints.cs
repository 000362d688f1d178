using System.Text.Json;
using M3CoreCrm.BuildingBlocks.Authorization;
using M3CoreCrm.BuildingBlocks.Http;
using M3CoreCrm.BuildingBlocks.Paging;
using M3CoreCrm.BuildingBlocks.Validation;
using M3CoreCrm.Modules.Contacts.Features.Contacts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace M3CoreCrm.Modules.Contacts.Features.Companies;

/// <summary>/api/v1/companies: CRUD with soft delete and restore, keyset lists with search, batch, and a company's contacts.</summary>
internal static class CompanyEndpoints
{
    internal static void Map(IEndpointRouteBuilder api)
    {
        var companies = api.MapGroup("/companies").WithTags("Companies");

        companies.MapPost("/", CreateAsync)
            .WithName("CreateCompany")
            .WithSummary("Create a company (a developer, brokerage, corporate buyer...).")
            .RequirePermission(ContactsPermissions.CompaniesCreate)
            .AnswersWith(StatusCodes.Status403Forbidden, "company.owner_out_of_scope")
            .Validate<CompanyInput>()
            .ReturnsETag();

        companies.MapGet("/", ListAsync)
            .WithName("ListCompanies")
            .WithSummary("List companies in the caller's scope: keyset-paged, sorted (createdAt, updatedAt, name), filtered, q searches name, domain and phone.")
            .RequirePermission(ContactsPermissions.CompaniesRead)
            .ProducesProblem(StatusCodes.Status400BadRequest);

        companies.MapGet("/{id:guid}", GetAsync)
            .WithName("GetCompany")
            .WithSummary("Read a company; the ETag header carries its version for If-Match.")
            .RequirePermission(ContactsPermissions.CompaniesRead)
            .ProducesRecordProblems()
            .ReturnsETag();

        companies.MapGet("/{id:guid}/contacts", ListContactsAsync)
            .WithName("ListCompanyContacts")
            .WithSummary("The company's contacts that the caller may read, keyset-paged and sorted like the contact list.")
            .RequirePermission(ContactsPermissions.CompaniesRead)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesRecordProblems();

        companies.MapPatch("/{id:guid}", PatchAsync)
            .WithName("UpdateCompany")
            .WithSummary("Change a company with a JSON merge patch (null clears a field, lists replace); If-Match gives 412 when stale.")
            .RequirePermission(ContactsPermissions.CompaniesUpdate)
            .AnswersWith(StatusCodes.Status403Forbidden, "company.owner_out_of_scope")
            .AcceptsMergePatch<CompanyInput>()
            .ProducesPatchProblems()
            .ReturnsETag();

        companies.MapDelete("/{id:guid}", DeleteAsync)
            .WithName("DeleteCompany")
            .WithSummary("Delete a company (soft: it can be restored; its contacts keep their link); If-Match gives 412 when stale.")
            .RequirePermission(ContactsPermissions.CompaniesDelete)
            .ProducesWriteProblems();

        companies.MapPost("/{id:guid}/restore", RestoreAsync)
            .WithName("RestoreCompany")
            .WithSummary("Restore a deleted company (a live one is returned as it is).")
            .RequirePermission(ContactsPermissions.CompaniesDelete)
            .ProducesRecordProblems()
            .ReturnsETag();

        companies.MapPost("/batch", BatchAsync)
            .WithName("BatchCompanies")
            .WithSummary("Create (no id; data is a company) or update (id; data is a merge patch) up to 100 companies, each on its own, with a result per item.")
            .RequirePermission(ContactsPermissions.CompaniesCreate)
            .Validate<CompanyBatchRequest>();
    }

    private static async Task<Created<CompanyResponse>> CreateAsync(CompanyInput body, CompanyService companies, HttpResponse response, CancellationToken ct)
    {
        var company = await companies.CreateAsync(body, checkOwnerScope: true, ct);
        ETags.Write(response, company.Version);
        return TypedResults.Created($"/api/v1/companies/{company.Id}", CompanyResponse.From(company));
    }

    private static async Task<Ok<Page<CompanyResponse>>> ListAsync(
        [AsParameters] CompanyListQuery filter, [AsParameters] PageQuery page, CompanyService companies, CursorCodec cursors, CancellationToken ct) =>
        TypedResults.Ok(await companies.ListAsync(filter, page, cursors, ct));

    private static async Task<Ok<CompanyResponse>> GetAsync(Guid id, CompanyService companies, HttpResponse response, CancellationToken ct)
    {
        var company = await companies.FindAsync(id, ContactsPermissions.CompaniesRead, ct);
        ETags.Write(response, company.Version);
        return TypedResults.Ok(CompanyResponse.From(company));
    }

    private static async Task<Ok<Page<ContactResponse>>> ListContactsAsync(
        Guid id, [AsParameters] PageQuery page, CompanyService companies, ContactQueries contacts, CancellationToken ct)
    {
        await companies.FindAsync(id, ContactsPermissions.CompaniesRead, ct);
        var filter = new ContactListQuery(null, id, null, null, null, null);
        return TypedResults.Ok(await contacts.ListAsync(filter, page, ct));
    }

    private static async Task<Ok<CompanyResponse>> PatchAsync(Guid id, JsonElement patch, CompanyService companies, HttpContext http, CancellationToken ct)
    {
        var company = await companies.FindAsync(id, ContactsPermissions.CompaniesUpdate, ct);
        ETags.EnsureMatches(http.Request, company.Version);
        await companies.PatchAsync(company, patch, ct);
        ETags.Write(http.Response, company.Version);
        return TypedResults.Ok(CompanyResponse.From(company));
    }

    private static async Task<NoContent> DeleteAsync(Guid id, CompanyService companies, HttpRequest request, CancellationToken ct)
    {
        var company = await companies.FindAsync(id, ContactsPermissions.CompaniesDelete, ct);
        ETags.EnsureMatches(request, company.Version);
        await companies.DeleteAsync(company, ct);
        return TypedResults.NoContent();
    }

    private static async Task<Ok<CompanyResponse>> RestoreAsync(Guid id, CompanyService companies, HttpResponse response, CancellationToken ct)
    {
        var company = await companies.FindAsync(id, ContactsPermissions.CompaniesDelete, ct, includeDeleted: true);
        await companies.RestoreAsync(company, ct);
        ETags.Write(response, company.Version);
        return TypedResults.Ok(CompanyResponse.From(company));
    }

    private static async Task<Ok<BatchResponse>> BatchAsync(CompanyBatchRequest body, CompanyService companies, CancellationToken ct) =>
        TypedResults.Ok(await companies.BatchAsync(body.Items, ct));
}
