using System.Text.Json;
using M3CoreCrm.BuildingBlocks.Authorization;
using M3CoreCrm.BuildingBlocks.Http;
using M3CoreCrm.BuildingBlocks.Paging;
using M3CoreCrm.BuildingBlocks.Validation;
using M3CoreCrm.Modules.Inventory.Features.Units;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace M3CoreCrm.Modules.Inventory.Features.Bookings;

/// <summary>
/// The unit's status workflow: hold, release, block, unblock, its history, and reservations (create, list, read,
/// cancel). Sales come from DealWon, releases also from DealLost and hold expiry.
/// </summary>
internal static class BookingEndpoints
{
    internal static void Map(IEndpointRouteBuilder inventory)
    {
        var units = inventory.MapGroup("/units").WithTags("Inventory");
        units.MapPost("/{id:guid}/hold", HoldAsync).WithName("HoldInventoryUnit").AnswersWith(StatusCodes.Status409Conflict, "unit.unavailable")
            .WithSummary("Hold an available unit for a lead, contact or deal for `hours` (default 48, at most 168). 409 unit.unavailable when it is held, reserved, sold or blocked — of concurrent holds exactly one wins.")
            .RequirePermission(InventoryPermissions.Hold).Validate<HoldUnitRequest>()
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        units.MapPost("/{id:guid}/release", ReleaseAsync).WithName("ReleaseInventoryUnit").AnswersWith(StatusCodes.Status403Forbidden, "inventory.hold_out_of_scope").AnswersWith(StatusCodes.Status409Conflict, "unit.reserved", "unit.sold", "unit.blocked", "unit.not_held")
            .WithSummary("Release the unit's hold: it is available again (a reservation is cancelled through its own route).")
            .RequirePermission(InventoryPermissions.Hold)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .ReturnsETag();
        units.MapPost("/{id:guid}/block", BlockAsync).WithName("BlockInventoryUnit").AnswersWith(StatusCodes.Status409Conflict, "unit.unavailable")
            .WithSummary("Block an available unit (not for sale until unblocked).")
            .RequirePermission(InventoryPermissions.Manage)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        units.MapPost("/{id:guid}/unblock", UnblockAsync).WithName("UnblockInventoryUnit").AnswersWith(StatusCodes.Status409Conflict, "unit.not_blocked")
            .WithSummary("Unblock a blocked unit: it is available again.")
            .RequirePermission(InventoryPermissions.Manage)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .ReturnsETag();
        units.MapGet("/{id:guid}/history", HistoryAsync).WithName("GetInventoryUnitHistory")
            .WithSummary("Every booking the unit has had, oldest first: holds, reservations, the sale, blocks, with their outcome, times and actors.")
            .RequirePermission(InventoryPermissions.Read).ProducesProblem(StatusCodes.Status404NotFound);

        var reservations = inventory.MapGroup("/reservations").WithTags("Inventory");
        reservations.MapPost("/", ReserveAsync).WithName("CreateInventoryReservation").AnswersWith(StatusCodes.Status409Conflict, "unit.unavailable")
            .WithSummary("Reserve a unit for a deal (available, or held for that deal or for a lead/contact): the price is snapshotted; the payment plan's milestones sum to exactly 100%.")
            .RequirePermission(InventoryPermissions.Reserve).Validate<ReserveUnitRequest>()
            .ProducesProblem(StatusCodes.Status409Conflict);
        reservations.MapGet("/", ListAsync).WithName("ListInventoryReservations")
            .WithSummary("List reservations: keyset-paged by createdAt, filtered by unitId, dealId, status.")
            .RequirePermission(InventoryPermissions.Read).ProducesProblem(StatusCodes.Status400BadRequest);
        reservations.MapGet("/{id:guid}", GetAsync).WithName("GetInventoryReservation")
            .WithSummary("Read a reservation.")
            .RequirePermission(InventoryPermissions.Read).ProducesProblem(StatusCodes.Status404NotFound)
            .ReturnsETag();
        reservations.MapPatch("/{id:guid}", AmendAsync).WithName("UpdateInventoryReservation").AnswersWith(StatusCodes.Status409Conflict, "reservation.not_active")
            .WithSummary("Amend an active reservation's price, deposit or payment plan with a JSON merge patch (audited field by field); If-Match gives 412 when stale, 409 reservation.not_active once it ended.")
            .RequirePermission(InventoryPermissions.Reserve)
            .AcceptsMergePatch<ReservationInput>()
            .ProducesPatchProblems(withConflict: true)
            .ReturnsETag();
        reservations.MapPost("/{id:guid}/cancel", CancelAsync).WithName("CancelInventoryReservation").AnswersWith(StatusCodes.Status409Conflict, "reservation.not_active")
            .WithSummary("Cancel an active reservation: the unit is available again.")
            .RequirePermission(InventoryPermissions.Reserve)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
    }

    private static async Task<Created<BookingResponse>> HoldAsync(Guid id, HoldUnitRequest body, BookingService bookings, CancellationToken ct)
    {
        var booking = await bookings.HoldAsync(id, body, BookingWriteOptions.AsCaller, ct);
        return TypedResults.Created($"/api/v1/inventory/units/{id}/history", BookingResponse.From(booking, bookings.Now));
    }

    private static async Task<Ok<UnitResponse>> ReleaseAsync(Guid id, BookingService bookings, HttpResponse response, CancellationToken ct) =>
        Answer(await bookings.ReleaseAsync(id, ct), bookings, response);

    private static async Task<Created<BookingResponse>> BlockAsync(Guid id, BookingService bookings, CancellationToken ct)
    {
        var booking = await bookings.BlockAsync(id, ct);
        return TypedResults.Created($"/api/v1/inventory/units/{id}/history", BookingResponse.From(booking, bookings.Now));
    }

    private static async Task<Ok<UnitResponse>> UnblockAsync(Guid id, BookingService bookings, HttpResponse response, CancellationToken ct) =>
        Answer(await bookings.UnblockAsync(id, ct), bookings, response);

    private static async Task<Ok<IReadOnlyList<BookingResponse>>> HistoryAsync(Guid id, BookingQueries bookings, CancellationToken ct) =>
        TypedResults.Ok(await bookings.HistoryAsync(id, ct));

    private static async Task<Created<BookingResponse>> ReserveAsync(ReserveUnitRequest body, BookingService bookings, CancellationToken ct)
    {
        var booking = await bookings.ReserveAsync(body, BookingWriteOptions.AsCaller, ct);
        return TypedResults.Created($"/api/v1/inventory/reservations/{booking.Id}", BookingResponse.From(booking, bookings.Now));
    }

    private static async Task<Ok<Page<BookingResponse>>> ListAsync(
        [AsParameters] ReservationListQuery filter, [AsParameters] PageQuery page, BookingQueries bookings, CursorCodec cursors, CancellationToken ct) =>
        TypedResults.Ok(await bookings.ReservationsAsync(filter, page, cursors, ct));

    private static async Task<Ok<BookingResponse>> GetAsync(Guid id, BookingQueries bookings, HttpResponse response, CancellationToken ct)
    {
        var booking = await bookings.FindReservationAsync(id, ct);
        ETags.Write(response, booking.Version);
        return TypedResults.Ok(BookingResponse.From(booking, bookings.Now));
    }

    private static async Task<Ok<BookingResponse>> AmendAsync(Guid id, JsonElement patch, BookingService bookings, HttpContext http, CancellationToken ct)
    {
        var reservation = await bookings.FindReservationAsync(id, ct);
        ETags.EnsureMatches(http.Request, reservation.Version);
        await bookings.AmendReservationAsync(reservation, patch, ct);
        ETags.Write(http.Response, reservation.Version);
        return TypedResults.Ok(BookingResponse.From(reservation, bookings.Now));
    }

    private static async Task<Ok<BookingResponse>> CancelAsync(Guid id, BookingService bookings, CancellationToken ct) =>
        TypedResults.Ok(BookingResponse.From(await bookings.CancelReservationAsync(id, ct), bookings.Now));

    private static Ok<UnitResponse> Answer(Domain.Unit unit, BookingService bookings, HttpResponse response)
    {
        ETags.Write(response, unit.Version);
        return TypedResults.Ok(UnitResponse.From(unit, bookings.Now));
    }
}
