using System.Net.Http.Json;
using CsCheck;
using EPI.Collab.Api.Features.Audit.TimeTravel;
using EPI.Collab.Api.Features.Proposals.Amending;
using EPI.Collab.Api.Features.Proposals.GettingDetails;
using EPI.Collab.Api.Features.ReferenceData;
using EPI.Collab.Api.Features.Strategies;
using EPI.Collab.Api.Features.Strategies.GettingDetails;
using EPI.Collab.Api.Features.Voting;
using EPI.Collab.Tests.Features.Strategies;
using EPI.Collab.Tests.Features.Voting;
using EPI.Collab.Tests.Features.Workshops;
using Marten;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace EPI.Collab.Tests.Features.Audit;

/// <summary>Time travel from periodic stored states (issue #7, S5) answers exactly what the plain fold answers.</summary>
public sealed class StoredStatesTests(AppFixture app) : IntegrationTest(app)
{
    private const string City = "cluj-napoca";
    /// <summary>K as the service under test is configured (TimeTravel:StoredStateEvery).</summary>
    private int K
    {
        get
        {
            using var query = App.Store.QuerySession(City);
            return StoredStates.Of(query).Every;
        }
    }

    private static readonly RoundOption[] Options =
        [new(Guid.CreateVersion7(), Guid.CreateVersion7(), 1, "A"), new(Guid.CreateVersion7(), Guid.CreateVersion7(), 1, "B")];

    private static object Event(Guid roundId, Guid workshopId, long version, int pick) =>
        version == 1
            ? new RoundOpened(roundId, workshopId, [new("en", "Which first?")], Options, new RoundRules(VotingMethod.Dot, ResultsVisibility.Live,
                true, false, DotBudget: 5), "tally-v1", Guid.CreateVersion7(), "facilitator", DateTimeOffset.UtcNow)
            : pick % 3 == 0
                ? new PaperTallyEntered(roundId, workshopId, pick, [new(Options[pick % 2].OptionId, 1, pick)], Guid.CreateVersion7(), "facilitator",
                    DateTimeOffset.UtcNow)
                : new RoundRulesChanged(roundId, workshopId, new RoundRules(VotingMethod.Dot, ResultsVisibility.Live, true, false,
                    DotBudget: 1 + pick % 9), Guid.CreateVersion7(), "facilitator", DateTimeOffset.UtcNow);

    /// <summary>Appends a round stream in batches (each with its expected version, as the aggregate workflow does).</summary>
    private async Task<(Guid Id, long Length)> Round(IEnumerable<int> batches, bool expectVersions = true)
    {
        var (id, workshopId, version) = (Guid.CreateVersion7(), Guid.CreateVersion7(), 0L);
        foreach (var size in batches)
        {
            await using var session = App.Store.LightweightSession(City);
            var events = Enumerable.Range(1, size).Select(i => Event(id, workshopId, version + i, (int)(version + i) * 7)).ToArray();
            if (version == 0) session.Events.StartStream<VotingRound>(id, events);
            else if (expectVersions) session.Events.Append(id, version + size, events);
            else session.Events.Append(id, events);
            await session.SaveChangesAsync();
            version += size;
        }
        return (id, version);
    }

    private async Task ShouldFoldAlike(Guid id, IEnumerable<long> versions)
    {
        await using var query = App.Store.QuerySession(City);
        foreach (var v in versions)
        {
            var plain = await query.Events.AggregateStreamAsync<VotingRound>(id, version: v);
            var stored = await StoredStates.AggregateAsync<VotingRound>(query, id, v, default);
            plain.ShouldNotBeNull();
            AuditScenarios.Canonical(stored).ShouldBe(AuditScenarios.Canonical(plain), $"version {v}");
        }
    }

    private async Task<long[]> StoredVersions(Guid id)
    {
        await using var query = App.Store.QuerySession(City);
        return [.. (await query.Query<StoredState<VotingRound>>().Where(x => x.StreamId == id).ToListAsync()).Select(x => x.Version).Order()];
    }

    [Fact]
    public async Task a_state_is_stored_at_every_multiple_of_K_and_as_of_reads_equal_the_plain_fold_at_1_K_K_plus_1_and_last()
    {
        K.ShouldBe(App.Services.GetRequiredService<IConfiguration>().GetValue<int>("TimeTravel:StoredStateEvery"));
        var (id, length) = await Round([1, K - 2, 1, 1, 3 * K + 5]); // single events across K, then one batch over several multiples
        (await StoredVersions(id)).ShouldBe([.. Enumerable.Range(1, (int)(length / K)).Select(m => (long)m * K)]);
        await ShouldFoldAlike(id, [1, K - 1, K, K + 1, 2 * K, 2 * K + 1, length]);
    }

    [Fact]
    public async Task as_of_reads_equal_the_plain_fold_at_every_version_whatever_the_batches()
    {
        await Gen.Int[1, 2 * K + 3].Array[1, 6].SampleAsync(async batches =>
        {
            var (id, length) = await Round(batches);
            (await StoredVersions(id)).Length.ShouldBe((int)(length / K));
            await ShouldFoldAlike(id, Enumerable.Range(1, (int)length).Select(v => (long)v));
        }, iter: 8, threads: 1);
    }

    [Fact]
    public async Task a_plain_append_stores_nothing_and_reads_still_fold_from_the_nearest_earlier_state()
    {
        // Quick append assigns a plain append's versions on the server, so the projection cannot know them: it skips the stream.
        var (id, _) = await Round([K + 1]);
        await using (var session = App.Store.LightweightSession(City))
        {
            session.Events.Append(id, Event(id, Guid.Empty, 99, 1), Event(id, Guid.Empty, 99, 2), Event(id, Guid.Empty, 99, 3));
            for (var i = 0; i < K; i++) session.Events.Append(id, Event(id, Guid.Empty, 99, i));
            await session.SaveChangesAsync();
        }
        var length = K + 1 + 3 + K;
        (await StoredVersions(id)).ShouldBe(new long[] { K });
        await ShouldFoldAlike(id, [K, K + 1, 2 * K, 2 * K + 1, length]);
        await using var query = App.Store.QuerySession(City);
        (await StoredStates.AggregateAsync<VotingRound>(query, id, length + 1, default)).ShouldBeNull();
    }

    [Fact]
    public void each_kept_fold_names_the_events_of_its_stream()
    {
        StoredStates.EventTypes<VotingRound>(typeof(VotingRound)).ShouldBe(
            [typeof(RoundOpened), typeof(RoundRulesChanged), typeof(PaperTallyEntered), typeof(RoundClosed)], ignoreOrder: true);
        StoredStates.EventTypes<StrategyDetails>(typeof(StrategyDetailsProjection)).ShouldBe(
            [typeof(StrategyDrafted), typeof(RevisionProposed), typeof(RevisionAdopted), typeof(RevisionRejected), typeof(StrategyAdvanced)],
            ignoreOrder: true);
    }

    [Fact]
    public async Task the_strategy_endpoint_as_of_every_version_past_K_equals_the_plain_fold()
    {
        var strategy = await StrategyUnderWay.Start(App);
        var objective = Items.Objective();
        (strategy, _) = await strategy.Revise(strategy.Revision(Items.Add(objective)));
        for (var i = 0; strategy.Version <= K + 1; i++)
            (strategy, _) = await strategy.Revise(strategy.Revision(Items.Add(Items.Measure(objective.Id, title: $"Measure {i}"))));

        var auditor = await App.ClientFor("auditor");
        var id = StrategyStream.Id(strategy.CityId);
        await using var query = App.Store.QuerySession(City);
        (await query.Query<StoredState<StrategyDetails>>().Where(x => x.StreamId == id).CountAsync()).ShouldBe(strategy.Version / K);
        foreach (var v in new long[] { 1, K - 1, K, K + 1, strategy.Version })
        {
            var asOf = await (await auditor.GetAsync($"/api/cities/{strategy.CityId}/audit/strategy?version={v}")).Read<AsOf<StrategyDetails>>();
            var plain = await query.Events.AggregateStreamAsync<StrategyDetails>(id, version: v);
            AuditScenarios.Canonical(asOf.State).ShouldBe(AuditScenarios.Canonical(plain), $"version {v}");
        }
    }

    [Fact]
    public async Task the_proposal_endpoint_as_of_each_version_past_K_has_the_text_versions_it_had_then()
    {
        var room = await VotingRoom.Open(App, new RoundRules(VotingMethod.Approval, ResultsVisibility.Live, true, false));
        var proposal = room.Proposals[0];
        var heads = new List<long> { (await App.LogHead()).Sequence };
        for (var v = 1; v <= K + 1; v++)
        {
            (await room.Workshop.Staff.PostAsJsonAsync($"{room.Workshop.Url}/proposals/{proposal}/amend",
                new AmendProposal(v, new LocalizedText("en", $"Mentoring, text {v + 1}")), Json.Options)).EnsureSuccessStatusCode();
            heads.Add((await App.LogHead()).Sequence);
        }
        await using (var query = App.Store.QuerySession(City))
            (await query.Query<StoredState<ProposalDetails>>().Where(x => x.StreamId == proposal).CountAsync()).ShouldBe(1);

        var auditor = await room.Auditor();
        for (var i = 0; i < heads.Count; i++)
        {
            var then = await (await auditor.GetAsync($"{room.AuditUrl()}/proposals/{proposal}?sequence={heads[i]}")).Read<AsOf<ProposalDetails>>();
            then.State.Versions.Select(x => x.Number).ShouldBe(Enumerable.Range(1, i + 1), $"as of version {i + 1}");
        }
    }
}
