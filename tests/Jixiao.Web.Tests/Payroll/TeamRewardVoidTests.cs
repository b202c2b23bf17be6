namespace Jixiao.Web.Tests.Payroll;

/// <summary>SQLite: a team reward pool voided by a republished month, its paid shares clawed back and the pool shown void (see <see cref="Jixiao.Testing.TeamRewardVoidScenario"/>).</summary>
public sealed class TeamRewardVoidTests
{
    [Fact]
    public async Task TeamReward_WhenTheMonthIsRepublishedWithoutTheTarget_ThenThePoolIsVoid_AndPaidSharesAreClawedBack()
    {
        using var factory = new JixiaoFactory();
        await Jixiao.Testing.TeamRewardVoidScenario.RunAsync(factory.Services, (user, password) => factory.SignedIn(user, password));
    }
}
