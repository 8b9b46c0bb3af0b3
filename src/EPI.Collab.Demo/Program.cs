using EPI.Collab.Client;

// A round table in two minutes: a facilitator opens a workshop, three phones join, propose and vote,
// and the projector's SignalR connection receives the live result. Usage: dotnet run -- [base-url]
// Everything goes through the typed client of the public API (src/EPI.Collab.Client).
var baseUrl = new Uri(args.FirstOrDefault() ?? "http://127.0.0.1:5180");
var api = new CollabClient(new HttpClient { BaseAddress = baseUrl });

void Step(string text) => Console.WriteLine($"\n== {text}");

Step("The facilitator of Cluj-Napoca logs in and schedules a round table");
var token = (await api.LogInAsync(new LogIn("facilitator.cluj", "demo-facilitator"))).AccessToken;
var staff = api.As(token);
const string city = "cluj-napoca";
var workshopId = (await staff.ScheduleWorkshopAsync(city, new ScheduleWorkshop(WorkshopKind.PolicyDesignRoundTable,
    "Round table 2: first jobs for newcomers",
    [new LocalizedText(Lang.En, "What could the city do in the next 12 months so that newcomers find a first job?")], [Lang.En, Lang.Ro],
    Agenda: [new PlannedPhase(PhaseType.Brainstorm, 10), new PlannedPhase(PhaseType.Vote, 10)]))).Value;
var opened = await staff.OpenWorkshopAsync(city, workshopId, new OpenWorkshop(1));
var code = opened.JoinCode;
var version = opened.Version;
Console.WriteLine($"Join code on the screen: {code}  (QR: {new Uri(baseUrl, opened.QrCodeUrl)})");

Step("The projector connects to the live feed");
await using var projector = new CollabHubClient(baseUrl, token, skipNegotiation: false);
var finalResult = new TaskCompletionSource<RoundResults>();
projector.OnWorkshopMessage(message => Console.WriteLine($"   projector ← #{message.Position} {message.Type}"));
projector.OnRoundTallied((_, results) =>
{
    foreach (var option in results.Options) Console.WriteLine($"      {option.Rank}. {option.Label}  {option.Score} dots");
    if (results.Status == RoundStatus.Closed) finalResult.TrySetResult(results);
});
await projector.StartAsync();
await projector.JoinWorkshopAsync(city, workshopId);

Step("Three phones join with the code (no account)");
var phones = new List<CollabClient>();
foreach (var (group, lang) in new[] { (StakeholderGroup.MigrantLedOrganisation, Lang.Ro), (StakeholderGroup.Resident, Lang.En), (StakeholderGroup.Business, Lang.En) })
{
    var found = await api.FindWorkshopByCodeAsync(code);
    var joined = await api.JoinWorkshopAsync(found.CityId, found.WorkshopId, new JoinWorkshop(code, group, lang));
    phones.Add(api.As(joined.AccessToken));
    Console.WriteLine($"   phone joined as {CollabClient.WireName(group)} ({CollabClient.WireName(lang)})");
}

Step("Brainstorm: each phone proposes");
var board = await staff.GetWorkshopBoardAsync(city, workshopId);
var brainstorm = board.Agenda[0].PhaseId;
var vote = board.Agenda[1].PhaseId;
version = (await staff.StartPhaseAsync(city, workshopId, brainstorm, new StartPhase(version))).Version ?? throw new InvalidOperationException("no version");
string[] ideas = ["Mentoring pairs with local employers", "Fast-track recognition of qualifications", "Language-for-work evening classes"];
var proposals = new List<Guid>();
for (var i = 0; i < 3; i++)
    proposals.Add((await phones[i].SubmitProposalAsync(city, workshopId, new SubmitProposal(new LocalizedText(Lang.En, ideas[i])))).Value);

Step("Vote: dot voting, 5 dots, at most 3 per option, results live");
version = (await staff.StartPhaseAsync(city, workshopId, vote, new StartPhase(version))).Version ?? throw new InvalidOperationException("no version");
var round = (await staff.OpenRoundAsync(city, workshopId, new OpenRound([new LocalizedText(Lang.En, "Which should the city pilot first?")], proposals,
    new RoundRules(VotingMethod.Dot, ResultsVisibility.Live, BallotsChangeable: true, Secret: true, DotBudget: 5, MaxDotsPerOption: 3)))).Value!;
int[][] dots = [[3, 2, 0], [1, 3, 1], [2, 0, 3]];
for (var p = 0; p < 3; p++)
{
    var marks = round.Options.Select((o, i) => new BallotMark(o.OptionId, dots[p][i])).Where(m => m.Value > 0).ToList();
    var accepted = await phones[p].CastBallotAsync(city, workshopId, round.RoundId, new CastBallot(marks));
    Console.WriteLine($"   phone {p + 1}: ballot acknowledged after commit (version {accepted.Version})");
}
await staff.CloseRoundAsync(city, workshopId.ToString(), round.RoundId, new CloseRound(1));

Step("The projector shows the final result");
var result = await finalResult.Task.WaitAsync(TimeSpan.FromSeconds(30));
Console.WriteLine($"   {result.Ballots.Phone} phone ballots; tie rule: {result.TieRule}");
Console.WriteLine("\nDone.");
