using EPI.Collab.Api.Infrastructure.Auth;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace EPI.Collab.Api.Features.Workshops.Admitting;

public sealed record SeatCodeRow(string Code, bool Used);

/// <summary>A workshop's seat codes, to print: unused first.</summary>
public sealed record SeatCodeList(Guid WorkshopId, int Seats, int Used, IReadOnlyList<SeatCodeRow> Codes);

public static class ListSeatCodesEndpoint
{
    /// <summary>List a workshop's seat codes for printing, with whether each was used.</summary>
    [WolverineGet("/api/cities/{cityId}/workshops/{workshopId}/seat-codes", OperationId = "ListSeatCodes")]
    [Authorize(Policy = Policies.CityStaff), Tags("Admission")]
    public static async Task<SeatCodeList> Get(Guid workshopId, IQuerySession session, CancellationToken ct)
    {
        var codes = await session.Query<SeatCode>().Where(c => c.WorkshopId == workshopId).ToListAsync(ct);
        var rows = codes.OrderBy(c => c.Used).ThenBy(c => c.IssuedAt).ThenBy(c => c.Id).Select(c => new SeatCodeRow(c.Id, c.Used)).ToList();
        return new SeatCodeList(workshopId, rows.Count, rows.Count(r => r.Used), rows);
    }
}
