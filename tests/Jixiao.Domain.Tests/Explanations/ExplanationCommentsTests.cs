using System.Globalization;
using Jixiao.Domain.Explanations;

namespace Jixiao.Domain.Tests.Explanations;

/// <summary>A rating's comment is kept apart from the rule's words, so readers who may not see comments get none.</summary>
public class ExplanationCommentsTests
{
    private static Explanation Tree()
    {
        var root = new Explanation(ExplanationKind.Employee, "S11");
        var indicator = root.Add(ExplanationKind.Indicator, "team_management", 20m);
        indicator.Add(ExplanationKind.Rating, "team_management", 20m, "Explain_Rating", "M01", "良好").Comment = "带教认真";
        return root;
    }

    [Fact]
    public void Detail_WhenCommentKept_ThenShownAfterTheRaterInEveryLanguage()
    {
        var rating = Tree().Children[0].Children[0];

        Assert.Equal("评分人 M01（良好），评语：带教认真", ExplanationText.Detail(rating, CultureInfo.GetCultureInfo("zh-CN")));
        Assert.Equal("rated by M01 (良好); comment: 带教认真", ExplanationText.Detail(rating, CultureInfo.GetCultureInfo("en")));
        Assert.Equal("評分人 M01（良好），評語：带教认真", ExplanationText.Detail(rating, CultureInfo.GetCultureInfo("zh-TW")));
    }

    [Fact]
    public void RemoveComments_WhenTreeHasComments_ThenNoNodeShowsOne()
    {
        var root = Tree().RemoveComments();

        var text = ExplanationText.Render(root, CultureInfo.GetCultureInfo("zh-CN"));
        Assert.DoesNotContain("带教认真", text, StringComparison.Ordinal);
        Assert.Contains("评分人 M01（良好）", text, StringComparison.Ordinal);
        Assert.Null(root.Children[0].Children[0].Comment);
    }
}
