using Jixiao.Domain.Evaluations;

namespace Jixiao.Domain.Tests.Evaluations;

/// <summary>Which run people see (docs/decisions/0019-evaluation-cycle.md): never a draft outside an open period, never a failed or smaller one.</summary>
public sealed class VisibleRunsTests
{
    private static RunFacts Run(long id, int computed, bool succeeded = true, RunVisibility visibility = RunVisibility.Draft) =>
        new(id, succeeded, computed, succeeded ? 0 : 133, visibility);

    [Fact]
    public void Provisional_WhenAFailedEmptyOrSmallerRunFollows_ThenTheEarlierRunStaysShown()
    {
        Assert.Equal(1, VisibleRuns.Provisional([Run(1, 25), Run(2, 0, succeeded: false)])!.Id);
        Assert.Equal(1, VisibleRuns.Provisional([Run(1, 25), Run(2, 0)])!.Id);
        Assert.Equal(1, VisibleRuns.Provisional([Run(1, 25), Run(2, 24)])!.Id);
        Assert.Equal(3, VisibleRuns.Provisional([Run(1, 25), Run(2, 24), Run(3, 25)])!.Id);
        Assert.Equal(2, VisibleRuns.Provisional([Run(2, 26), Run(1, 25)])!.Id);
        Assert.Null(VisibleRuns.Provisional([Run(1, 0, succeeded: false)]));
        Assert.Null(VisibleRuns.Provisional([]));
    }

    [Fact]
    public void Provisional_WhenTheShownRunIsDiscarded_ThenTheOneBeforeItOrASmallerLaterOneShows()
    {
        Assert.Equal(1, VisibleRuns.Provisional([Run(1, 25), Run(2, 30, visibility: RunVisibility.Discarded)])!.Id);
        Assert.Equal(2, VisibleRuns.Provisional([Run(1, 25, visibility: RunVisibility.Discarded), Run(2, 24)])!.Id);
    }

    [Fact]
    public void Visible_WhenState_ThenProvisionalOpenNothingInEvaluationPublishedRunAfterwards()
    {
        RunFacts[] runs = [Run(1, 25, visibility: RunVisibility.Published), Run(2, 25), Run(3, 26)];
        Assert.Equal(3, VisibleRuns.Visible(PeriodState.Open, runs)!.Id);
        Assert.Null(VisibleRuns.Visible(PeriodState.Evaluation, runs));
        Assert.Null(VisibleRuns.Visible(PeriodState.Calibration, runs));
        Assert.Equal(1, VisibleRuns.Visible(PeriodState.Published, runs)!.Id);
        Assert.Equal(1, VisibleRuns.Visible(PeriodState.Closed, runs)!.Id);
        Assert.Null(VisibleRuns.Visible(PeriodState.Closed, [Run(2, 25)]));
    }
}
