using System.Text.Json;
using ReviewDetails = EPI.Collab.Api.Features.Reviews.GettingDetails.ReviewDetails;
using EPI.Collab.Api.Infrastructure;
using EPI.Collab.Api.Infrastructure.Auth;
using EPI.Collab.Client;
using Marten;

namespace EPI.Collab.Api.Features.Demo;

/// <summary>
/// Plays the demo stories through the public HTTP API, so every rule of every slice applies to the demo data as it does
/// to users: staff act with a token of a demo coordinator, demo participants join round tables and vote with their own.
/// It is a client like any other: the typed client of the public API (src/EPI.Collab.Client).
/// </summary>
public static class DemoSeed
{
    public static readonly IReadOnlyList<DemoStory> Stories = [ClujNapocaStory.Story, RavennaStory.Story, LinkopingStory.Story];

    private const int Voters = 6;

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
            await new Play(new CollabClient(api, staff), store, story, ct).RunAsync();
            seeded.Add(story.CityId);
        }
        return seeded;
    }

    private sealed class Play(CollabClient staff, IDocumentStore store, DemoStory story, CancellationToken ct)
    {
        private string City => story.CityId;

        public async Task RunAsync()
        {
            var organisations = new List<Guid>();
            foreach (var organisation in story.Organisations)
                organisations.Add((await staff.RegisterOrganisationAsync(City, organisation, ct)).Value);
            await PublishReview();
            var decisions = new List<(Guid Decision, IReadOnlyList<Guid> Adopted)>();
            foreach (var table in story.RoundTables) decisions.Add(await HoldRoundTable(table));
            await RunPilot(await AdoptStrategy(decisions, organisations[0]));
        }

        private async Task PublishReview()
        {
            var reviewId = (await staff.StartReviewAsync(City, new StartReview(story.Methodology, "2019", story.ReviewFrom, story.ReviewTo), ct)).Value;
            var version = 1;
            foreach (var s in story.Scores)
                version = Version((await staff.RecordAreaScoreAsync(City, reviewId,
                    new RecordAreaScore(version, s.PolicyAreaCode, s.Score, [new(Lang.En, s.Narrative)]), ct: ct)).Version);
            foreach (var status in new[] { ReviewStatus.DataCollection, ReviewStatus.Analysis, ReviewStatus.Validated, ReviewStatus.Published })
                version = Version((await staff.AdvanceReviewAsync(City, reviewId, new AdvanceReview(version, status), ct: ct)).Version);
        }

        private async Task<(Guid, IReadOnlyList<Guid>)> HoldRoundTable(DemoRoundTable table)
        {
            var workshopId = (await staff.ScheduleWorkshopAsync(City, new ScheduleWorkshop(WorkshopKind.PolicyDesignRoundTable, table.Title,
                [new(Lang.En, table.Question)], [Lang.En]), ct)).Value;
            var opened = await staff.OpenWorkshopAsync(City, workshopId, new OpenWorkshop(1), ct: ct);
            var proposals = new List<Guid>();
            foreach (var text in table.Proposals)
                proposals.Add((await staff.SubmitProposalAsync(City, workshopId, new SubmitProposal(new LocalizedText(Lang.En, text)), ct)).Value);
            var round = (await staff.OpenRoundAsync(City, workshopId, new OpenRound([new(Lang.En, "Which proposals should the strategy take up?")],
                proposals, new RoundRules(VotingMethod.Approval, ResultsVisibility.HiddenUntilClose, false, false)), ct)).Value!;
            for (var voter = 0; voter < Voters; voter++)
            {
                var joined = await staff.As(null).JoinWorkshopAsync(City, workshopId, new JoinWorkshop(opened.JoinCode.ToLowerInvariant(),
                    (StakeholderGroup)(voter % Enum.GetValues<StakeholderGroup>().Length), Lang.En), ct);
                // The adopted proposals are approved by everyone; the others by every other demo participant.
                var marks = round.Options.Where((_, i) => i < table.Adopt || voter % 2 == 0).Select(o => new BallotMark(o.OptionId, 1)).ToList();
                await staff.As(joined.AccessToken).CastBallotAsync(City, workshopId, round.RoundId, new CastBallot(marks), ct: ct);
            }
            await staff.CloseRoundAsync(City, workshopId.ToString(), round.RoundId, new CloseRound(await StreamVersion(round.RoundId)), ct: ct);
            var adopted = proposals.Take(table.Adopt).ToList();
            var decision = (await staff.RecordDecisionAsync(City, workshopId, new RecordDecision([round.RoundId],
                $"top {table.Adopt} by approvals", adopted, new LocalizedText(Lang.En, table.Rationale)), ct)).Value;
            await staff.CloseWorkshopAsync(City, workshopId, new CloseWorkshop(await StreamVersion(workshopId)), ct: ct);
            return (decision, adopted);
        }

        /// <summary>The measure a pilot tests and its indicators with the values the pilot observes.</summary>
        private sealed record PilotTarget(Guid MeasureId, IReadOnlyList<(Guid Indicator, IReadOnlyList<decimal> Values)> Observed);

        private async Task<PilotTarget> AdoptStrategy(IReadOnlyList<(Guid Decision, IReadOnlyList<Guid> Adopted)> decisions, Guid lead)
        {
            var version = (await staff.StartStrategyAsync(City, new StartStrategy(story.StrategyTitle, [new(Lang.En, story.Vision)]), ct)).Value!.Version;
            var targets = new List<(DemoMeasure Plan, PilotTarget Target)>();
            foreach (var (measure, (decision, adopted)) in story.Measures.Zip(decisions))
            {
                var (changes, target) = Changes(measure, adopted, lead);
                targets.Add((measure, target));
                var proposed = await staff.ProposeRevisionAsync(City, new ProposeRevision(version, RevisionReason.RoundTableOutcome,
                    decision, $"Round table outcome: {measure.Title}", changes), ct: ct);
                version = (await staff.AdoptRevisionAsync(City, proposed.RevisionId!.Value, new AdoptRevision(proposed.Version), ct: ct)).Version;
            }
            version = (await staff.AdvanceStrategyAsync(City, new AdvanceStrategy(version, StrategyStatus.Consultation), ct: ct)).Version;
            version = (await staff.AdvanceStrategyAsync(City, new AdvanceStrategy(version, StrategyStatus.AdoptedPilot, story.Adoption), ct: ct)).Version;
            await staff.AdvanceStrategyAsync(City, new AdvanceStrategy(version, StrategyStatus.Piloting), ct: ct);
            return targets.First(t => t.Plan.Pilot).Target;
        }

        private (IReadOnlyList<StrategyChange>, PilotTarget) Changes(DemoMeasure m, IReadOnlyList<Guid> origins, Guid lead)
        {
            var objective = new StrategicObjective(Guid.CreateVersion7(), [new(Lang.En, m.Objective)], m.PolicyAreaCodes,
                [.. m.Themes.Select(Untyped)]);
            var measure = new Measure(Guid.CreateVersion7(), objective.Id, m.Title, m.Description, lead, [], ["TCN_NEWCOMERS"],
                new Timeline(story.PilotLaunch, story.PilotEnd, [new Milestone("Mid-term review", story.PilotLaunch.AddMonths(5))]),
                new Budget(25000, "EUR", BudgetSource.Amif), m.Pilot, origins);
            var indicators = m.Indicators.Select(i => new Indicator(Guid.CreateVersion7(), i.Name, i.Type, i.Unit,
                new Measurement((double)i.Baseline, story.PilotLaunch), new Measurement((double)i.Target, story.PilotEnd), IndicatorFrequency.Monthly,
                MeasureId: measure.Id)).ToList();
            return ([new(ChangeKind.AddObjective, Objective: objective), new(ChangeKind.AddMeasure, Measure: measure),
                    .. indicators.Select(i => new StrategyChange(ChangeKind.AddIndicator, Indicator: i))],
                new PilotTarget(measure.Id, [.. indicators.Zip(m.Indicators, (i, d) => (i.Id, d.Observed))]));
        }

        private async Task RunPilot(PilotTarget target)
        {
            var pilotId = (await staff.PlanPilotAsync(City, new PlanPilot(target.MeasureId, story.PilotTitle, story.PilotLaunch, story.PilotEnd,
                story.PilotSites, [Untyped(Pilots.DeliveryChannel.InPersonDesk), Untyped(Pilots.DeliveryChannel.PartnerOrganisation)]), ct)).Value;
            var version = Version((await staff.LaunchPilotAsync(City, pilotId, new LaunchPilot(1, story.PilotLaunch), ct: ct)).Version);
            version = Version((await staff.ChangePilotStatusAsync(City, pilotId, new ChangePilotStatus(version, PilotStatus.Running, story.PilotLaunch),
                ct: ct)).Version);
            foreach (var (indicator, values) in target.Observed)
                foreach (var (value, month) in values.Select((v, m) => (v, m)))
                {
                    var from = story.PilotLaunch.AddMonths(month);
                    version = Version((await staff.RecordObservationAsync(City, pilotId, new RecordObservation(version, indicator, from,
                        from.AddMonths(1).AddDays(-1), (double)value, (int)value, Invented.Text("Pilot monitoring sheet")), ct: ct)).Version);
                }
            await staff.ChangePilotStatusAsync(City, pilotId, new ChangePilotStatus(version, PilotStatus.Completed, story.PilotEnd), ct: ct);
        }

        /// <summary>
        /// An item of an array the served document leaves untyped (themes, delivery channels: no <c>items</c> schema), so
        /// the client takes JSON there: written with the service's own names.
        /// </summary>
        private static JsonElement Untyped<T>(T value) where T : struct, Enum => JsonSerializer.SerializeToElement(value, ApiJson.Options);

        private static int Version(int? version) => version ?? throw new InvalidOperationException("The answer has no version.");

        private async Task<int> StreamVersion(Guid streamId)
        {
            await using var session = store.QuerySession(story.CityId);
            return (int)(await session.Events.FetchStreamStateAsync(streamId, ct))!.Version;
        }
    }
}
