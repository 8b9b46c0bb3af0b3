using EPI.Collab.Api.Features.Participants;

namespace EPI.Collab.Api.Features.Voting.Counting;

/// <summary>
/// The marks one option got from one stakeholder group over one channel, summed: how many marks, the sum of their values
/// and of their second values (absent = 0), and how many had the value 1, 0 and −1.
/// </summary>
public sealed record SumsCell(Guid OptionId, StakeholderGroup Group, BallotChannel Channel, long Marks, long Values, long Seconds,
    long Ones, long Zeros, long MinusOnes);

/// <summary>How many ballots one stakeholder group cast over one channel.</summary>
public sealed record SumsBallots(StakeholderGroup Group, BallotChannel Channel, long Count);

/// <summary>The sums of a round's ballots as stored (<see cref="TallySums"/>), in a stable order.</summary>
public sealed record StoredSums(IReadOnlyList<SumsCell> Cells, IReadOnlyList<SumsBallots> Ballots);

/// <summary>
/// Everything tally-v1 needs of a round's ballots, as sums that add and subtract: a ballot's marks per option, group and
/// channel, and the ballots per group and channel. Counting from the sums (<see cref="Tally.Count(VotingRound, TallySums, IReadOnlyList{PaperTallyEntered})"/>)
/// answers exactly what counting the ballots one by one answers, so a running count moves by one ballot at a time
/// (a change is its old marks removed and its new marks added), and an as-of count starts from stored sums.
/// </summary>
public sealed class TallySums
{
    private sealed class Cell
    {
        public long Marks, Values, Seconds, Ones, Zeros, MinusOnes;
    }

    private readonly Dictionary<(Guid Option, StakeholderGroup Group, BallotChannel Channel), Cell> _cells = [];
    private readonly Dictionary<(StakeholderGroup Group, BallotChannel Channel), long> _ballots = [];

    public static TallySums Of(IEnumerable<Tally.CountedBallot> ballots)
    {
        var sums = new TallySums();
        foreach (var ballot in ballots) sums.Add(ballot);
        return sums;
    }

    public void Add(Tally.CountedBallot ballot) => Move(ballot, 1);

    public void Remove(Tally.CountedBallot ballot) => Move(ballot, -1);

    private void Move(Tally.CountedBallot ballot, int sign)
    {
        _ballots[(ballot.Group, ballot.Channel)] = _ballots.GetValueOrDefault((ballot.Group, ballot.Channel)) + sign;
        foreach (var mark in ballot.Marks)
        {
            if (!_cells.TryGetValue((mark.OptionId, ballot.Group, ballot.Channel), out var cell))
                _cells[(mark.OptionId, ballot.Group, ballot.Channel)] = cell = new Cell();
            cell.Marks += sign;
            cell.Values += sign * mark.Value;
            cell.Seconds += sign * (mark.Second ?? 0);
            if (mark.Value == 1) cell.Ones += sign;
            else if (mark.Value == 0) cell.Zeros += sign;
            else if (mark.Value == -1) cell.MinusOnes += sign;
        }
    }

    /// <summary>Ballots per group (groups without ballots left out), in the groups' order.</summary>
    public IEnumerable<(StakeholderGroup Group, long Ballots)> BallotsPerGroup() =>
        _ballots.GroupBy(b => b.Key.Group).Select(g => (g.Key, g.Sum(b => b.Value))).Where(g => g.Item2 != 0).OrderBy(g => g.Key);

    public long BallotsOver(BallotChannel channel) => _ballots.Where(b => b.Key.Channel == channel).Sum(b => b.Value);

    public long Ballots => _ballots.Values.Sum();

    /// <summary>One option's marks from the groups in scope: per channel, and their sums over all channels.</summary>
    public (long Phone, long Assisted, long Marks, long Values, long Seconds, long Ones, long Zeros, long MinusOnes) Option(Guid optionId,
        Func<StakeholderGroup, bool> inScope)
    {
        (long Phone, long Assisted, long Marks, long Values, long Seconds, long Ones, long Zeros, long MinusOnes) sum = default;
        foreach (var ((option, group, channel), cell) in _cells)
        {
            if (option != optionId || !inScope(group)) continue;
            if (channel == BallotChannel.Phone) sum.Phone += cell.Marks;
            else sum.Assisted += cell.Marks;
            sum.Marks += cell.Marks;
            sum.Values += cell.Values;
            sum.Seconds += cell.Seconds;
            sum.Ones += cell.Ones;
            sum.Zeros += cell.Zeros;
            sum.MinusOnes += cell.MinusOnes;
        }
        return sum;
    }

    /// <summary>The sums to store: cells and ballot counts that are not all zero, in a stable order.</summary>
    public StoredSums Stored() => new(
        [.. _cells.Where(c => c.Value is not { Marks: 0, Values: 0, Seconds: 0, Ones: 0, Zeros: 0, MinusOnes: 0 })
            .OrderBy(c => c.Key.Option).ThenBy(c => c.Key.Group).ThenBy(c => c.Key.Channel)
            .Select(c => new SumsCell(c.Key.Option, c.Key.Group, c.Key.Channel, c.Value.Marks, c.Value.Values, c.Value.Seconds,
                c.Value.Ones, c.Value.Zeros, c.Value.MinusOnes))],
        [.. _ballots.Where(b => b.Value != 0).OrderBy(b => b.Key.Group).ThenBy(b => b.Key.Channel)
            .Select(b => new SumsBallots(b.Key.Group, b.Key.Channel, b.Value))]);

    /// <summary>Running sums that start where stored sums left off (none: from nothing).</summary>
    public static TallySums From(StoredSums? stored)
    {
        var sums = new TallySums();
        foreach (var c in stored?.Cells ?? [])
            sums._cells[(c.OptionId, c.Group, c.Channel)] = new Cell
            {
                Marks = c.Marks, Values = c.Values, Seconds = c.Seconds, Ones = c.Ones, Zeros = c.Zeros, MinusOnes = c.MinusOnes
            };
        foreach (var b in stored?.Ballots ?? []) sums._ballots[(b.Group, b.Channel)] = b.Count;
        return sums;
    }
}
