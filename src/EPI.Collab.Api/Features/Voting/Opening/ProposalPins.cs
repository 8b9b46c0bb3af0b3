using EPI.Collab.Api.Features.Proposals;
using EPI.Collab.Api.Features.Proposals.GettingDetails;
using Marten;

namespace EPI.Collab.Api.Features.Voting.Opening;

/// <summary>The current version and a short label of each proposal a round is opened over; the round pins them.</summary>
public sealed record ProposalPins(IReadOnlyDictionary<Guid, int> Versions, IReadOnlyDictionary<Guid, string> Labels, IReadOnlyList<Guid> Missing)
{
    public const int MaxLabelLength = 140;

    public static async Task<ProposalPins> LoadAsync(IQuerySession session, Guid workshopId, IReadOnlyList<Guid> proposalIds,
        CancellationToken ct)
    {
        var ids = proposalIds.Distinct().ToArray();
        var proposals = (await session.LoadManyAsync<Proposal>(ct, ids))
            .Where(p => p.WorkshopId == workshopId && p.IsOpen).ToDictionary(p => p.Id);
        var details = (await session.LoadManyAsync<ProposalDetails>(ct, proposals.Keys)).ToDictionary(d => d.Id);
        return new ProposalPins(
            proposals.Values.ToDictionary(p => p.Id, p => p.CurrentVersion),
            proposals.Values.ToDictionary(p => p.Id, p => Label(details.GetValueOrDefault(p.Id))),
            ids.Where(id => !proposals.ContainsKey(id)).ToList());
    }

    private static string Label(ProposalDetails? details)
    {
        var text = details?.Versions[^1].Text?.Text ?? "";
        return text.Length <= MaxLabelLength ? text : text[..(MaxLabelLength - 1)] + "…";
    }
}
