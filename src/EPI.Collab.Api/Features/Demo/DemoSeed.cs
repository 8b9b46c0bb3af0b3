using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using EPI.Collab.Api.Features.Decisions.Recording;
using EPI.Collab.Api.Features.Participants;
using EPI.Collab.Api.Features.Participants.Joining;
using EPI.Collab.Api.Features.Pilots;
using EPI.Collab.Api.Features.Pilots.ChangingStatus;
using EPI.Collab.Api.Features.Pilots.Launching;
using EPI.Collab.Api.Features.Pilots.Observing;
using EPI.Collab.Api.Features.Pilots.Planning;
using EPI.Collab.Api.Features.ReferenceData;
using EPI.Collab.Api.Features.Reviews;
using EPI.Collab.Api.Features.Reviews.Advancing;
using EPI.Collab.Api.Features.Reviews.GettingDetails;
using EPI.Collab.Api.Features.Reviews.ScoringAreas;
using EPI.Collab.Api.Features.Reviews.Starting;
using EPI.Collab.Api.Features.Strategies;
using EPI.Collab.Api.Features.Strategies.Adopting;
using EPI.Collab.Api.Features.Strategies.Advancing;
using EPI.Collab.Api.Features.Strategies.Revising;
using EPI.Collab.Api.Features.Strategies.Starting;
using EPI.Collab.Api.Features.Voting;
using EPI.Collab.Api.Features.Voting.Casting;
using EPI.Collab.Api.Features.Voting.Closing;
using EPI.Collab.Api.Features.Voting.Opening;
using EPI.Collab.Api.Features.Workshops;
using EPI.Collab.Api.Features.Workshops.Closing;
using EPI.Collab.Api.Features.Workshops.Opening;
using EPI.Collab.Api.Features.Workshops.Scheduling;
using EPI.Collab.Api.Infrastructure;
using EPI.Collab.Api.Infrastructure.Auth;
using Marten;

namespace EPI.Collab.Api.Features.Demo;

/// <summary>
/// Plays the demo stories through the public HTTP API, so every rule of every slice applies to the demo data as it does
/// to users: staff act with a token of a demo coordinator, demo participants join round tables and vote with their own.
/// </summary>
public static class DemoSeed
{
    public static readonly IReadOnlyList<DemoStory> Stories = [ClujNapocaStory.Story, RavennaStory.Story, LinkopingStory.Story];

    private const int Voters = 6;
    private static readonly JsonSerializerOptions Json = ApiJson.Options;

    /// <summary>Plays each story whose city has no review yet; returns the ids of the cities seeded.</summary>
    public static async Task<IReadOnlyList<string>> RunAsync(HttpClient api, TokenIssuer tokens, IDocumentStore store, CancellationToken ct = default)
    {
        var seeded = new List<string>();
        foreach (var story in Stories)
        {
            await using var session = store.QuerySession(story.CityId);
            if (await session.Query<ReviewDetails>().AnyAsync(ct)) continue;
            var staff = tokens.Issue(DeterministicGuid.Create(Guid.Empty, $"demo-coordinator:{story.CityId}"), Roles.Coordinator, story.CityId,
                "Demo coordinator (invented)").AccessToken;
            await new Play(api, staff, store, story, ct).RunAsync();
            seeded.Add(story.CityId);
        }
        return seeded;
    }

    private sealed record Created<T>(T Value, string Url);
    private sealed record Versioned(int Version);

    private sealed class Play(HttpClient api, string staff, IDocumentStore store, DemoStory story, CancellationToken ct)
    {
        private string City => $"/api/cities/{story.CityId}";

        public async Task RunAsync()
        {
            var organisations = new List<Guid>();
            foreach (var organisation in story.Organisations)
                organisations.Add((await Post<Created<Guid>>($"{City}/organisations", organisation)).Value);
            await PublishReview();
            var decisions = new List<(Guid Decision, IReadOnlyList<Guid> Adopted)>();
            foreach (var table in story.RoundTables) decisions.Add(await HoldRoundTable(table));
            await RunPilot(await AdoptStrategy(decisions, organisations[0]));
        }

        private async Task PublishReview()
        {
            var reviewId = (await Post<Created<Guid>>($"{City}/reviews",
                new StartReview(story.Methodology, "2019", story.ReviewFrom, story.ReviewTo))).Value;
            var url = $"{City}/reviews/{reviewId}";
            var version = 1;
            foreach (var s in story.Scores)
                version = (await Post<Versioned>($"{url}/area-scores",
                    new RecordAreaScore(version, s.PolicyAreaCode, s.Score, [new("en", s.Narrative)]))).Version;
            foreach (var status in new[] { ReviewStatus.DataCollection, ReviewStatus.Analysis, ReviewStatus.Validated, ReviewStatus.Published })
                version = (await Post<Versioned>($"{url}/advance", new AdvanceReview(version, status))).Version;
        }

        private async Task<(Guid, IReadOnlyList<Guid>)> HoldRoundTable(DemoRoundTable table)
        {
            var workshopId = (await Post<Created<Guid>>($"{City}/workshops", new ScheduleWorkshop(WorkshopKind.PolicyDesignRoundTable, table.Title,
                [new("en", table.Question)], ["en"], null, null))).Value;
            var url = $"{City}/workshops/{workshopId}";
            var opened = await Post<WorkshopOpenedResponse>($"{url}/open", new OpenWorkshop(1));
            var proposals = new List<Guid>();
            foreach (var text in table.Proposals)
                proposals.Add((await Post<Created<Guid>>($"{url}/proposals", new { text = new LocalizedText("en", text) })).Value);
            var round = (await Post<Created<RoundCreated>>($"{url}/rounds", new OpenRound([new("en", "Which proposals should the strategy take up?")],
                proposals, new RoundRules(VotingMethod.Approval, ResultsVisibility.HiddenUntilClose, false, false)))).Value;
            for (var voter = 0; voter < Voters; voter++)
            {
                var joined = await Post<Joined>($"{url}/participants", new JoinWorkshop(opened.JoinCode.ToLowerInvariant(),
                    (StakeholderGroup)(voter % Enum.GetValues<StakeholderGroup>().Length), "en"), token: null);
                // The adopted proposals are approved by everyone; the others by every other demo participant.
                var marks = round.Options.Where((_, i) => i < table.Adopt || voter % 2 == 0).Select(o => new BallotMark(o.OptionId, 1)).ToList();
                await Post<BallotAccepted>($"{url}/rounds/{round.RoundId}/ballot", new CastBallot(marks), joined.AccessToken);
            }
            await Post<object>($"{url}/rounds/{round.RoundId}/close", new CloseRound(await StreamVersion(round.RoundId)));
            var adopted = proposals.Take(table.Adopt).ToList();
            var decision = (await Post<Created<Guid>>($"{url}/decisions", new RecordDecision([round.RoundId],
                $"top {table.Adopt} by approvals", adopted, new LocalizedText("en", table.Rationale)))).Value;
            await Post<object>($"{url}/close", new CloseWorkshop(await StreamVersion(workshopId)));
            return (decision, adopted);
        }

        /// <summary>The measure a pilot tests and its indicators with the values the pilot observes.</summary>
        private sealed record PilotTarget(Guid MeasureId, IReadOnlyList<(Guid Indicator, IReadOnlyList<decimal> Values)> Observed);

        private async Task<PilotTarget> AdoptStrategy(IReadOnlyList<(Guid Decision, IReadOnlyList<Guid> Adopted)> decisions, Guid lead)
        {
            var version = (await Post<Created<StrategyStarted>>($"{City}/strategy",
                new StartStrategy(story.StrategyTitle, [new("en", story.Vision)]))).Value.Version;
            var targets = new List<(DemoMeasure Plan, PilotTarget Target)>();
            foreach (var (measure, (decision, adopted)) in story.Measures.Zip(decisions))
            {
                var (changes, target) = Changes(measure, adopted, lead);
                targets.Add((measure, target));
                var proposed = await Post<StrategyChanged>($"{City}/strategy/revisions", new ProposeRevision(version, RevisionReason.RoundTableOutcome,
                    decision, $"Round table outcome: {measure.Title}", changes));
                version = (await Post<StrategyChanged>($"{City}/strategy/revisions/{proposed.RevisionId}/adopt", new AdoptRevision(proposed.Version))).Version;
            }
            version = (await Post<StrategyChanged>($"{City}/strategy/status", new AdvanceStrategy(version, StrategyStatus.Consultation))).Version;
            version = (await Post<StrategyChanged>($"{City}/strategy/status",
                new AdvanceStrategy(version, StrategyStatus.AdoptedPilot, story.Adoption))).Version;
            await Post<StrategyChanged>($"{City}/strategy/status", new AdvanceStrategy(version, StrategyStatus.Piloting));
            return targets.First(t => t.Plan.Pilot).Target;
        }

        private (IReadOnlyList<StrategyChange>, PilotTarget) Changes(DemoMeasure m, IReadOnlyList<Guid> origins, Guid lead)
        {
            var objective = new StrategicObjective(Guid.CreateVersion7(), [new("en", m.Objective)], m.PolicyAreaCodes, m.Themes);
            var measure = new Measure(Guid.CreateVersion7(), objective.Id, m.Title, m.Description, lead, [], ["TCN_NEWCOMERS"],
                new Timeline(story.PilotLaunch, story.PilotEnd, [new Milestone("Mid-term review", story.PilotLaunch.AddMonths(5))]),
                new Budget(25000m, "EUR", BudgetSource.Amif), m.Pilot, origins);
            var indicators = m.Indicators.Select(i => new Indicator(Guid.CreateVersion7(), i.Name, i.Type, i.Unit,
                new Measurement(i.Baseline, story.PilotLaunch), new Measurement(i.Target, story.PilotEnd), IndicatorFrequency.Monthly, null,
                measure.Id)).ToList();
            return ([new(ChangeKind.AddObjective, Objective: objective), new(ChangeKind.AddMeasure, Measure: measure),
                    .. indicators.Select(i => new StrategyChange(ChangeKind.AddIndicator, Indicator: i))],
                new PilotTarget(measure.Id, [.. indicators.Zip(m.Indicators, (i, d) => (i.Id, d.Observed))]));
        }

        private async Task RunPilot(PilotTarget target)
        {
            var url = $"{City}/pilots/{(await Post<Created<Guid>>($"{City}/pilots", new PlanPilot(target.MeasureId, story.PilotTitle, story.PilotLaunch,
                story.PilotEnd, story.PilotSites, [DeliveryChannel.InPersonDesk, DeliveryChannel.PartnerOrganisation]))).Value}";
            var version = (await Post<Versioned>($"{url}/launch", new LaunchPilot(1, story.PilotLaunch))).Version;
            version = (await Post<Versioned>($"{url}/status", new ChangePilotStatus(version, PilotStatus.Running, story.PilotLaunch))).Version;
            foreach (var (indicator, values) in target.Observed)
                foreach (var (value, month) in values.Select((v, m) => (v, m)))
                {
                    var from = story.PilotLaunch.AddMonths(month);
                    version = (await Post<Versioned>($"{url}/observations", new RecordObservation(version, indicator, from, from.AddMonths(1).AddDays(-1),
                        value, (int)value, Invented.Text("Pilot monitoring sheet")))).Version;
                }
            await Post<Versioned>($"{url}/status", new ChangePilotStatus(version, PilotStatus.Completed, story.PilotEnd));
        }

        private async Task<int> StreamVersion(Guid streamId)
        {
            await using var session = store.QuerySession(story.CityId);
            return (int)(await session.Events.FetchStreamStateAsync(streamId, ct))!.Version;
        }

        private Task<T> Post<T>(string url, object body) => Post<T>(url, body, staff);

        private async Task<T> Post<T>(string url, object body, string? token)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = JsonContent.Create(body, body.GetType(), options: Json) };
            if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            using var response = await api.SendAsync(request, ct);
            if (!response.IsSuccessStatusCode)
                throw new InvalidOperationException($"Demo seed of {story.CityId}: POST {url} answered {(int)response.StatusCode}: " +
                    await response.Content.ReadAsStringAsync(ct));
            return typeof(T) == typeof(object) ? default! : (await response.Content.ReadFromJsonAsync<T>(Json, ct))!;
        }
    }
}
