using Jixiao.Domain.Compensation;

namespace Jixiao.Domain.Tests.Compensation;

/// <summary>Joint sales entered in the web app (seed 003 §五.3): the shares' rule and who may decide a request.</summary>
public class JointSaleTests
{
    private static JointSaleShare S(string e, decimal share) => new(e, share);

    [Fact]
    public void CheckShares_WhenSummingExactlyToOne_ThenAccepted()
    {
        Assert.Null(JointSale.CheckShares([S("e1", 0.6m), S("e2", 0.4m)]));
        Assert.Null(JointSale.CheckShares([S("e1", 0.333333m), S("e2", 0.333333m), S("e3", 0.333334m)]));
        Assert.Equal(0m, JointSale.Left([S("e1", 0.333333m), S("e2", 0.333333m), S("e3", 0.333334m)]));
    }

    [Fact]
    public void CheckShares_WhenNotWhole_ThenSaysWhatIsLeft()
    {
        // 0.33 + 0.33 + 0.33 = 0.99: 1% left.
        Assert.Equal((JointSaleProblem.NotWhole, "99%|1%"), Unpack(JointSale.CheckShares([S("e1", 0.33m), S("e2", 0.33m), S("e3", 0.33m)])));

        // 0.6 + 0.45 = 1.05: 5% too much (left −5%).
        Assert.Equal((JointSaleProblem.NotWhole, "105%|-5%"), Unpack(JointSale.CheckShares([S("e1", 0.6m), S("e2", 0.45m)])));
        Assert.Equal(-0.05m, JointSale.Left([S("e1", 0.6m), S("e2", 0.45m)]));
    }

    [Theory]
    [InlineData("0.3333335", JointSaleProblem.TooPrecise, "33.33335%")]
    [InlineData("0", JointSaleProblem.OutOfRange, "0%")]
    [InlineData("-0.5", JointSaleProblem.OutOfRange, "-50%")]
    [InlineData("1.5", JointSaleProblem.OutOfRange, "150%")]
    public void CheckShares_WhenAShareIsWrong_ThenNamesThePersonAndTheShare(string share, JointSaleProblem problem, string shown)
    {
        var d = decimal.Parse(share, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal((problem, "e2|" + shown), Unpack(JointSale.CheckShares([S("e1", 0.5m), S("e2", d)])));
    }

    [Fact]
    public void CheckShares_WhenOnePersonOrTwice_ThenRefused()
    {
        Assert.Equal(JointSaleProblem.TooFewPeople, JointSale.CheckShares([S("e1", 1m)])!.Value.Problem);
        Assert.Equal((JointSaleProblem.Twice, "e1"), Unpack(JointSale.CheckShares([S("e1", 0.5m), S("e1", 0.5m)])));
    }

    [Fact]
    public void CheckDecision_WhenTheOwnersManager_ThenOnlyThemOnlyOnceAndNeverTheRequesterOrACreditedPerson()
    {
        string[] credited = ["e1", "e2"];
        Assert.Null(JointSale.CheckDecision("acc-e1", "acc-m", "m", credited, managesOwner: true, pending: true));
        Assert.Equal(JointSaleProblem.OwnRequest, JointSale.CheckDecision("acc-m", "acc-m", "m", credited, managesOwner: true, pending: true));
        Assert.Equal(JointSaleProblem.OwnRequest, JointSale.CheckDecision("acc-e1", "acc-e2", "e2", credited, managesOwner: true, pending: true));
        Assert.Equal(JointSaleProblem.NotTheirManager, JointSale.CheckDecision("acc-e1", "acc-x", "x", credited, managesOwner: false, pending: true));
        Assert.Equal(JointSaleProblem.AlreadyDecided, JointSale.CheckDecision("acc-e1", "acc-m", "m", credited, managesOwner: true, pending: false));
    }

    private static (JointSaleProblem, string) Unpack((JointSaleProblem Problem, string[] Arguments)? r)
    {
        Assert.NotNull(r);
        return (r.Value.Problem, string.Join('|', r.Value.Arguments));
    }
}
