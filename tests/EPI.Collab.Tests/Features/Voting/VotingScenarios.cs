using System.Net.Http.Json;
using EPI.Collab.Api.Features.Participants;
using EPI.Collab.Api.Features.Participants.Joining;
using EPI.Collab.Api.Features.ReferenceData;
using EPI.Collab.Api.Features.Voting;
using EPI.Collab.Api.Features.Voting.Casting;
using EPI.Collab.Api.Features.Voting.Closing;
using EPI.Collab.Api.Features.Voting.Counting;
using EPI.Collab.Api.Features.Voting.Opening;
using EPI.Collab.Tests.Features.Workshops;
using EPI.Collab.Api.Features.Proposals.Submitting;
using C = EPI.Collab.Client;

namespace EPI.Collab.Tests.Features.Voting;

/// <summary>A workshop with proposals and an open round, and phones to vote with.</summary>
public sealed record VotingRoom(LiveWorkshop Workshop, IReadOnlyList<Guid> Proposals, RoundCreated Round, int RoundVersion)
{
    public string RoundUrl => $"{Workshop.Url}/rounds/{Round.RoundId}";
    public Guid Option(int index) => Round.Options[index].OptionId;

    public static async Task<VotingRoom> Open(AppFixture app, RoundRules rules, int proposals = 3)
    {
        var workshop = await app.OpenRoundTable();
        var api = workshop.Staff.Api();
        var ids = new List<Guid>();
        for (var i = 0; i < proposals; i++)
        {
            var submitted = await api.SubmitProposalAsync(workshop.CityId, workshop.Id,
                Typed.ToClient<C.SubmitProposal>(new SubmitProposal(new LocalizedText("en", $"Proposal {i + 1}: mentoring for newcomers"))));
            ids.Add(submitted.Value);
        }
        var round = await api.OpenRoundAsync(workshop.CityId, workshop.Id,
            Typed.ToClient<C.OpenRound>(new OpenRound([new LocalizedText("en", "Which first?")], ids, rules)));
        return new VotingRoom(workshop, ids, Typed.ToApi<RoundCreated>(round.Value!), 1);
    }

    public sealed record CreationEnvelope(RoundCreated Value, string Url);

    public async Task<Phone> Phone(StakeholderGroup group = StakeholderGroup.Resident) =>
        new(this, Workshop.App.Client((await Workshop.JoinPhone(group)).AccessToken));

    public Task<HttpResponseMessage> Close() => Workshop.Staff.PostAsJsonAsync($"{RoundUrl}/close", new CloseRound(RoundVersion), Json.Options);

    public Task<HttpResponseMessage> Results(HttpClient? client = null) => (client ?? Workshop.Staff).GetAsync($"{RoundUrl}/results");

    public async Task<RoundResults> ResultsOk(HttpClient? client = null) =>
        Typed.ToApi<RoundResults>(await (client ?? Workshop.Staff).Api().GetRoundResultsAsync(Workshop.CityId, Workshop.Id, Round.RoundId));
}

public sealed record Phone(VotingRoom Room, HttpClient Http)
{
    public Task<HttpResponseMessage> Vote(string? idempotencyKey, params BallotMark[] marks)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"{Room.RoundUrl}/ballot")
        {
            Content = JsonContent.Create(new CastBallot(marks), options: Json.Options)
        };
        if (idempotencyKey is not null) request.Headers.Add("Idempotency-Key", idempotencyKey);
        return Http.SendAsync(request);
    }

    public async Task<BallotAccepted> VoteOk(params BallotMark[] marks) =>
        Typed.ToApi<BallotAccepted>(await Http.Api().CastBallotAsync(Room.Workshop.CityId, Room.Workshop.Id, Room.Round.RoundId,
            Typed.ToClient<C.CastBallot>(new CastBallot(marks))));
}
