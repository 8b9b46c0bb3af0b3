using EPI.Collab.Client;

namespace EPI.Collab.Chaos;

/// <summary>The public API as the drills use it (the typed client): log in, set up a workshop with open rounds, join phones, read back.</summary>
public sealed class Api(Uri baseUrl)
{
    public const string City = "cluj-napoca";
    public Uri BaseUrl => baseUrl;

    /// <summary>
    /// Anonymous; a 503 (database unreachable, or the service's circuit still open just after an outage) is retried as
    /// its Retry-After says, for up to a minute, like a client that respects it.
    /// </summary>
    public CollabClient Client { get; } = new(new HttpClient { BaseAddress = baseUrl, Timeout = TimeSpan.FromSeconds(100) })
    {
        RetryUnavailableFor = TimeSpan.FromMinutes(1)
    };

    public HttpClient Http => Client.Http;

    public CollabClient As(string token) => Client.As(token);

    public async Task<string> Login(string username, string password) => (await Client.LogInAsync(new LogIn(username, password))).AccessToken;

    public async Task<Room> OpenRoom(int rounds)
    {
        var staff = await Login("facilitator.cluj", "demo-facilitator");
        var auditor = await Login("auditor", "demo-auditor");
        var facilitator = As(staff);
        var workshopId = (await facilitator.ScheduleWorkshopAsync(City, new ScheduleWorkshop(WorkshopKind.PolicyDesignRoundTable, "Chaos drill",
            [new LocalizedText(Lang.En, "Does every acknowledged ballot survive?")], [Lang.En], Agenda: [new PlannedPhase(PhaseType.Vote, 30)]))).Value;
        var joinCode = (await facilitator.OpenWorkshopAsync(City, workshopId, new OpenWorkshop(1))).JoinCode;
        var proposals = new List<Guid>();
        for (var i = 0; i < 3; i++)
            proposals.Add((await facilitator.SubmitProposalAsync(City, workshopId, new SubmitProposal(new LocalizedText(Lang.En, $"Idea {i + 1}")))).Value);
        var opened = new List<RoomRound>();
        for (var r = 0; r < rounds; r++)
        {
            var round = (await facilitator.OpenRoundAsync(City, workshopId, new OpenRound([new LocalizedText(Lang.En, $"Round {r + 1}: which first?")],
                proposals, new RoundRules(VotingMethod.Approval, ResultsVisibility.Live, BallotsChangeable: false, Secret: false)))).Value!;
            opened.Add(new RoomRound(round.RoundId, [.. round.Options.Select(o => o.OptionId)]));
        }
        return new Room(workshopId, $"/api/cities/{City}/workshops/{workshopId}", joinCode, staff, auditor, opened);
    }

    public async Task<string> JoinPhone(Room room)
    {
        var found = await Client.FindWorkshopByCodeAsync(room.JoinCode);
        return (await Client.JoinWorkshopAsync(found.CityId, found.WorkshopId,
            new JoinWorkshop(room.JoinCode, StakeholderGroup.Resident, Lang.En))).AccessToken;
    }

    /// <summary>Every message of the workshop feed, page by page.</summary>
    public async Task<List<WorkshopMessage>> Feed(Room room, long after = 0)
    {
        var all = new List<WorkshopMessage>();
        while (true)
        {
            var page = await As(room.Staff).GetWorkshopFeedAsync(City, room.WorkshopId, after);
            if (page.Count == 0) return all;
            all.AddRange(page);
            after = page[^1].Position;
        }
    }
}

public sealed record RoomRound(Guid RoundId, Guid[] Options);

public sealed record Room(Guid WorkshopId, string Url, string JoinCode, string Staff, string Auditor, IReadOnlyList<RoomRound> Rounds);
