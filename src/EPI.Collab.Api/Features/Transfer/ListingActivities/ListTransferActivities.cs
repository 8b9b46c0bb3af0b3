using EPI.Collab.Api.Infrastructure.Auth;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace EPI.Collab.Api.Features.Transfer.ListingActivities;

public static class ListTransferActivitiesEndpoint
{
    /// <summary>The city's transfer activities by date (published material: observers read them too).</summary>
    [WolverineGet("/api/cities/{cityId}/transfer/activities", OperationId = "ListTransferActivities")]
    [Authorize(Policy = Policies.CityPublishedReader), Tags("Transfer")]
    public static Task<IReadOnlyList<TransferActivity>> Get(IQuerySession session, CancellationToken ct) =>
        session.Query<TransferActivity>().OrderBy(a => a.Date).ThenBy(a => a.Id).ToListAsync(ct);
}
