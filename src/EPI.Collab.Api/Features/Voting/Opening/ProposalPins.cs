using EPI.Collab.Api.Features.Proposals;
using Marten;

namespace EPI.Collab.Api.Features.Voting.Opening;

/// <summary>The current version of each proposal a round is opened over; the round pins them.</summary>
public sealed record ProposalPins(IReadOnlyDictionary<Guid, int> Versions, IReadOnlyList<Guid> Missing)
{
    public static async Task<ProposalPins> LoadAsync(IQuerySession session, Guid workshopId, IReadOnlyList<Guid> proposalIds,
        CancellationToken ct)
    {
        var ids = proposalIds.Distinct().ToArray();
        var proposals = (await session.LoadManyAsync<Proposal>(ct, ids))
            .Where(p => p.WorkshopId == workshopId && p.IsOpen).ToDictionary(p => p.Id);
        return new ProposalPins(proposals.Values.ToDictionary(p => p.Id, p => p.CurrentVersion), ids.Where(id => !proposals.ContainsKey(id)).ToList());
    }
}
