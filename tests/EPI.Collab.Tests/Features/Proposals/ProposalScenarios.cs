using System.Net.Http.Json;
using EPI.Collab.Api.Features.Comments;
using EPI.Collab.Api.Features.Comments.Adding;
using EPI.Collab.Api.Features.Comments.GettingThread;
using EPI.Collab.Api.Features.Proposals;
using EPI.Collab.Api.Features.Proposals.CreatingClusters;
using EPI.Collab.Api.Features.Proposals.GettingDetails;
using EPI.Collab.Api.Features.Proposals.Submitting;
using EPI.Collab.Api.Features.ReferenceData;
using EPI.Collab.Tests.Features.Workshops;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;
using C = EPI.Collab.Client;

namespace EPI.Collab.Tests.Features.Proposals;

/// <summary>A joined phone: its client carries the participant token.</summary>
public sealed record Phone(HttpClient Client, Guid ParticipantId);

/// <summary>Arrange helpers for proposals, clusters and comments, through the public API.</summary>
public static class ProposalScenarios
{
    public const string Idea = "Mentoring by employers for newcomers with a recognised diploma";

    public static async Task<Phone> Phone(this LiveWorkshop workshop)
    {
        var joined = await workshop.JoinPhone();
        return new Phone(workshop.App.Client(joined.AccessToken), joined.ParticipantId);
    }

    public static Task<HttpResponseMessage> Submit(this HttpClient client, LiveWorkshop workshop, object command) =>
        client.PostAsJsonAsync(workshop.Url + "/proposals", command, Json.Options);

    public static async Task<Guid> SubmitOk(this HttpClient client, LiveWorkshop workshop, string text = Idea, string lang = "ro") =>
        (await client.Api().SubmitProposalAsync(workshop.CityId, workshop.Id,
            Typed.ToClient<C.SubmitProposal>(new SubmitProposal(new LocalizedText(lang, text))))).Value;

    /// <summary>A command on one proposal: <paramref name="action"/> is amend, withdraw, cluster, merge, park or hide.</summary>
    public static Task<HttpResponseMessage> OnProposal(this HttpClient client, LiveWorkshop workshop, Guid proposalId, string action,
        object command) =>
        client.PostAsJsonAsync($"{workshop.Url}/proposals/{proposalId}/{action}", command, Json.Options);

    public static async Task<Proposal> OnProposalOk(this HttpClient client, LiveWorkshop workshop, Guid proposalId, string action,
        object command)
    {
        var (api, city, id) = (client.Api(), workshop.CityId, workshop.Id);
        var answer = action switch
        {
            "amend" => await api.AmendProposalAsync(city, id, proposalId, Typed.ToClient<C.AmendProposal>(command)),
            "withdraw" => await api.WithdrawProposalAsync(city, id, proposalId, Typed.ToClient<C.WithdrawProposal>(command)),
            "cluster" => await api.ClusterProposalAsync(city, id, proposalId, Typed.ToClient<C.ClusterProposal>(command)),
            "merge" => await api.MergeProposalAsync(city, id, proposalId, Typed.ToClient<C.MergeProposal>(command)),
            "park" => await api.ParkProposalAsync(city, id, proposalId, Typed.ToClient<C.ParkProposal>(command)),
            "hide" => await api.HideProposalAsync(city, id, proposalId, Typed.ToClient<C.HideProposal>(command)),
            _ => throw new ArgumentOutOfRangeException(nameof(action), action, "Not a command on one proposal.")
        };
        return Typed.ToApi<Proposal>(answer);
    }

    public static async Task<ProposalDetails> Proposal(this HttpClient client, LiveWorkshop workshop, Guid proposalId) =>
        Typed.ToApi<ProposalDetails>(await client.Api().GetProposalAsync(workshop.CityId, workshop.Id, proposalId));

    public static async Task<IReadOnlyList<ProposalDetails>> Proposals(this HttpClient client, LiveWorkshop workshop) =>
        Typed.ToApi<List<ProposalDetails>>(await client.Api().ListProposalsAsync(workshop.CityId, workshop.Id));

    public static async Task<Guid> ClusterOk(this LiveWorkshop workshop, string name = "Skills recognition first") =>
        (await workshop.Staff.Api().CreateClusterAsync(workshop.CityId, workshop.Id,
            Typed.ToClient<C.CreateCluster>(new CreateCluster(new LocalizedText("en", name))))).Value;

    public static Task<HttpResponseMessage> Comment(this HttpClient client, LiveWorkshop workshop, Guid proposalId, AddComment command) =>
        client.PostAsJsonAsync($"{workshop.Url}/proposals/{proposalId}/comments", command, Json.Options);

    public static AddComment Question(string text = "Which employers would take part?", Guid? parent = null, int version = 1) =>
        new(CommentKind.Question, new LocalizedText("en", text), version, parent);

    public static async Task<Guid> CommentOk(this HttpClient client, LiveWorkshop workshop, Guid proposalId, AddComment? command = null) =>
        (await client.Api().AddCommentAsync(workshop.CityId, workshop.Id, proposalId, Typed.ToClient<C.AddComment>(command ?? Question()))).Value;

    /// <summary>The status a <c>Validate</c> method refuses with, or null when it lets the request through.</summary>
    public static int? Refusal(this ProblemDetails problem) => problem == WolverineContinue.NoProblems ? null : problem.Status;

    public static async Task<ValidationProblemDetails> Read400(this HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<ValidationProblemDetails>(Json.Options))!;

    public static async Task<IReadOnlyList<ThreadedComment>> Thread(this HttpClient client, LiveWorkshop workshop, Guid proposalId) =>
        Typed.ToApi<List<ThreadedComment>>(await client.Api().GetCommentThreadAsync(workshop.CityId, workshop.Id, proposalId));
}
